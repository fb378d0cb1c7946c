#!/usr/bin/env python3
"""Renders a terminal screen captured with `tmux capture-pane -p -e` to PNG.

    render-screen.py IN.ansi OUT.png [--title T] [--size COLSxLINES]
                     [--light] [--font PATH] [--font-size N]

The captured text (UTF-8, LF line ends, SGR colours: 30-37/90-97, 38;5;N,
38;2;R;G;B and the background forms; bold, dim, underline, reverse; SO/SI
for the DEC line-drawing set of an ASCII terminal) is fed into a pyte screen
of the given size (default: as many lines as the file has, and the widest
line's columns) and each cell is drawn with Pillow in DejaVu Sans Mono onto
a dark-grey terminal background (#1e1e1e; --light: #fafafa, for the light
theme). Box-drawing lines and block elements are drawn as shapes that fill
the cell, so lines join and bars have no gaps.
The same input gives a byte-identical PNG: no timestamps, no metadata.

Debian packages: python3-pyte, python3-pil, fonts-dejavu-core.
"""
import argparse
import collections
import os
import re
import sys

try:
    import pyte
    from pyte import modes as pyte_modes
    from pyte.charsets import VT100_MAP
    from PIL import Image, ImageDraw, ImageFont
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.exit("render-screen.py: %s (install python3-pyte and python3-pil)" % e)

# (background, default foreground, title bar, title text): a dark-grey
# terminal, and with --light a light one (for the light theme, which is
# meant for light terminals).
DARK = ((0x1E, 0x1E, 0x1E), (0xD4, 0xD4, 0xD4), (0x2D, 0x2D, 0x2D), (0x9D, 0x9D, 0x9D))
LIGHT = ((0xFA, 0xFA, 0xFA), (0x1E, 0x1E, 0x1E), (0xE4, 0xE4, 0xE4), (0x60, 0x60, 0x60))
PAD = 12

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
)

# xterm's standard 16 colours.
ANSI16 = [
    (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
]


def xterm256(n):
    """RGB of xterm colour index n (0-255)."""
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        steps = (0, 95, 135, 175, 215, 255)
        return (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return (v, v, v)


# A cell: pyte's fields plus dim, which pyte does not keep.
Cell = collections.namedtuple(
    "Cell", "data fg bg bold italics underscore strikethrough reverse dim")


class Screen(pyte.Screen):
    """A pyte screen whose colours stay xterm indexes (int), "default" or
    an (r, g, b) tuple, and which keeps SGR 2 (dim)."""

    @property
    def default_char(self):
        return Cell(" ", "default", "default", False, False, False, False,
                    pyte_modes.DECSCNM in self.mode, False)

    def reset(self):
        super().reset()
        self.cursor.attrs = self.default_char

    def select_graphic_rendition(self, *attrs):
        cur = self.cursor.attrs._asdict()
        params = list(attrs) or [0]
        i = 0
        while i < len(params):
            a = params[i]
            i += 1
            if a == 0:
                data = cur["data"]
                cur.update(self.default_char._asdict(), data=data)
            elif a == 1:
                cur["bold"] = True
            elif a == 2:
                cur["dim"] = True
            elif a == 3:
                cur["italics"] = True
            elif a == 4:
                cur["underscore"] = True
            elif a == 7:
                cur["reverse"] = True
            elif a == 9:
                cur["strikethrough"] = True
            elif a == 22:
                cur["bold"] = cur["dim"] = False
            elif a == 23:
                cur["italics"] = False
            elif a == 24:
                cur["underscore"] = False
            elif a == 27:
                cur["reverse"] = False
            elif a == 29:
                cur["strikethrough"] = False
            elif 30 <= a <= 37:
                cur["fg"] = a - 30
            elif a == 39:
                cur["fg"] = "default"
            elif 40 <= a <= 47:
                cur["bg"] = a - 40
            elif a == 49:
                cur["bg"] = "default"
            elif 90 <= a <= 97:
                cur["fg"] = a - 90 + 8
            elif 100 <= a <= 107:
                cur["bg"] = a - 100 + 8
            elif a in (38, 48):
                key = "fg" if a == 38 else "bg"
                if i < len(params) and params[i] == 5 and i + 1 < len(params):
                    cur[key] = max(0, min(255, params[i + 1]))
                    i += 2
                elif i < len(params) and params[i] == 2 and i + 3 < len(params):
                    cur[key] = tuple(max(0, min(255, v)) for v in params[i + 1:i + 4])
                    i += 4
                else:
                    i = len(params)
        self.cursor.attrs = Cell(**cur)


def rgb(colour, default):
    if colour == "default":
        return default
    if isinstance(colour, int):
        return xterm256(colour)
    if isinstance(colour, tuple):
        return colour
    return default


def blend(a, b, t):
    """a mixed with b: t = 0 gives a, 1 gives b."""
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


# Box drawing: (up, down, left, right) arm weights, 1 light, 2 heavy.
BOX = {}


def _box(chars, arms):
    for ch, a in zip(chars, arms):
        BOX[ch] = a


_box("─│┌┐└┘├┤┬┴┼╴╵╶╷╭╮╯╰",
     [(0, 0, 1, 1), (1, 1, 0, 0), (0, 1, 0, 1), (0, 1, 1, 0), (1, 0, 0, 1),
      (1, 0, 1, 0), (1, 1, 0, 1), (1, 1, 1, 0), (0, 1, 1, 1), (1, 0, 1, 1),
      (1, 1, 1, 1), (0, 0, 1, 0), (1, 0, 0, 0), (0, 0, 0, 1), (0, 1, 0, 0),
      (0, 1, 0, 1), (0, 1, 1, 0), (1, 0, 1, 0), (1, 0, 0, 1)])
_box("━┃┏┓┗┛┣┫┳┻╋╸╹╺╻",
     [(0, 0, 2, 2), (2, 2, 0, 0), (0, 2, 0, 2), (0, 2, 2, 0), (2, 0, 0, 2),
      (2, 0, 2, 0), (2, 2, 0, 2), (2, 2, 2, 0), (0, 2, 2, 2), (2, 0, 2, 2),
      (2, 2, 2, 2), (0, 0, 2, 0), (2, 0, 0, 0), (0, 0, 0, 2), (0, 2, 0, 0)])

# Quadrants: (upper-left, upper-right, lower-left, lower-right).
QUADRANTS = {
    "▖": (0, 0, 1, 0), "▗": (0, 0, 0, 1), "▘": (1, 0, 0, 0), "▝": (0, 1, 0, 0),
    "▙": (1, 0, 1, 1), "▚": (1, 0, 0, 1), "▛": (1, 1, 1, 0), "▜": (1, 1, 0, 1),
    "▞": (0, 1, 1, 0), "▟": (0, 1, 1, 1),
}


class Renderer:
    def __init__(self, font_path, bold_path, fallback_paths, size, palette=DARK):
        self.bg, self.fg, self.title_bg, self.title_fg = palette
        self.font = ImageFont.truetype(font_path, size)
        self.bold = ImageFont.truetype(bold_path, size) if bold_path else self.font
        self.fallbacks = [ImageFont.truetype(p, size) for p in fallback_paths]
        ascent, descent = self.font.getmetrics()
        self.ascent = ascent
        self.cw = int(round(self.font.getlength("M")))
        self.ch = ascent + descent
        self.light = max(1, int(round(self.cw / 9.0)))
        self.heavy = self.light * 2 + 1
        self._missing = {}
        self._notdef = self._mask_key(self.font, "\U0010FFFD")

    @staticmethod
    def _mask_key(font, ch):
        m = font.getmask(ch)
        return (m.size, bytes(m))

    def font_for(self, ch, bold):
        """The font that has a glyph for ch: DejaVu Sans Mono (bold when
        asked), else the first fallback that has it."""
        main = self.bold if bold else self.font
        if ch.isascii():
            return main
        if ch not in self._missing:
            missing = self._mask_key(self.font, ch) == self._notdef
            choice = None
            if missing:
                for f in self.fallbacks:
                    if self._mask_key(f, ch) != self._mask_key(f, "\U0010FFFD"):
                        choice = f
                        break
            self._missing[ch] = (missing, choice)
        missing, choice = self._missing[ch]
        if not missing:
            return main
        return choice or main

    def box(self, draw, x, y, w, h, arms, fg):
        up, down, left, right = arms
        cx, cy = x + w // 2, y + h // 2
        for weight, on in ((up, "u"), (down, "d"), (left, "l"), (right, "r")):
            if not weight:
                continue
            t = self.light if weight == 1 else self.heavy
            # The join square: arms reach over the thickest crossing line.
            j = max(self.light if a == 1 else self.heavy if a == 2 else 0
                    for a in arms)
            lo = -(t // 2)
            hi = lo + t - 1
            jlo = -(j // 2)
            jhi = jlo + j - 1
            if on == "u":
                draw.rectangle([cx + lo, y, cx + hi, cy + jhi], fill=fg)
            elif on == "d":
                draw.rectangle([cx + lo, cy + jlo, cx + hi, y + h - 1], fill=fg)
            elif on == "l":
                draw.rectangle([x, cy + lo, cx + jhi, cy + hi], fill=fg)
            else:
                draw.rectangle([cx + jlo, cy + lo, x + w - 1, cy + hi], fill=fg)

    def block(self, draw, x, y, w, h, ch, fg, bg):
        """Draws a block element; False when ch is not one."""
        o = ord(ch)
        if ch == "█":
            draw.rectangle([x, y, x + w - 1, y + h - 1], fill=fg)
        elif 0x2581 <= o <= 0x2587:  # lower eighths
            n = int(round(h * (o - 0x2580) / 8.0))
            if n:
                draw.rectangle([x, y + h - n, x + w - 1, y + h - 1], fill=fg)
        elif 0x2589 <= o <= 0x258F:  # left eighths, 7/8 down to 1/8
            n = max(1, int(round(w * (0x2590 - o) / 8.0)))
            draw.rectangle([x, y, x + n - 1, y + h - 1], fill=fg)
        elif ch == "▀":
            draw.rectangle([x, y, x + w - 1, y + h // 2 - 1], fill=fg)
        elif ch == "▐":
            draw.rectangle([x + w // 2, y, x + w - 1, y + h - 1], fill=fg)
        elif ch == "▔":
            draw.rectangle([x, y, x + w - 1, y + max(1, h // 8) - 1], fill=fg)
        elif ch == "▕":
            draw.rectangle([x + w - max(1, w // 8), y, x + w - 1, y + h - 1], fill=fg)
        elif ch in "░▒▓":
            t = {"░": 0.25, "▒": 0.5, "▓": 0.75}[ch]
            draw.rectangle([x, y, x + w - 1, y + h - 1], fill=blend(bg, fg, t))
        elif ch in QUADRANTS:
            ul, ur, ll, lr = QUADRANTS[ch]
            mx, my = x + w // 2, y + h // 2
            for on, box in ((ul, [x, y, mx - 1, my - 1]), (ur, [mx, y, x + w - 1, my - 1]),
                            (ll, [x, my, mx - 1, y + h - 1]),
                            (lr, [mx, my, x + w - 1, y + h - 1])):
                if on:
                    draw.rectangle(box, fill=fg)
        else:
            return False
        return True

    def render(self, screen, title=None):
        cols, lines = screen.columns, screen.lines
        cw, chh = self.cw, self.ch
        top = 0
        if title:
            top = chh + 2 * 8
        width = cols * cw + 2 * PAD
        height = lines * chh + 2 * PAD + top
        img = Image.new("RGB", (width, height), self.bg)
        draw = ImageDraw.Draw(img)
        if title:
            draw.rectangle([0, 0, width - 1, top - 1], fill=self.title_bg)
            tw = self.font.getlength(title)
            draw.text(((width - tw) / 2.0, 8 + self.ascent), title, font=self.font,
                      fill=self.title_fg, anchor="ls")
        for row in range(lines):
            line = screen.buffer[row]
            y = top + PAD + row * chh
            col = 0
            while col < cols:
                c = line[col]
                data = c.data
                span = 1
                if col + 1 < cols and line[col + 1].data == "" and data:
                    span = 2  # a wide character and its stub
                fg = rgb(c.fg, self.fg)
                bg = rgb(c.bg, self.bg)
                if c.reverse:
                    fg, bg = bg, fg
                if getattr(c, "dim", False):
                    fg = blend(fg, bg, 0.4)
                x = PAD + col * cw
                w = span * cw
                if bg != self.bg:
                    draw.rectangle([x, y, x + w - 1, y + chh - 1], fill=bg)
                if data and data != " ":
                    ch = data[0]
                    if ch in BOX:
                        self.box(draw, x, y, w, chh, BOX[ch], fg)
                    elif not self.block(draw, x, y, w, chh, ch, fg, bg):
                        font = self.font_for(ch, c.bold)
                        draw.text((x, y + self.ascent), data, font=font, fill=fg,
                                  anchor="ls")
                if c.underscore:
                    uy = y + min(chh - 1, self.ascent + 2)
                    draw.line([x, uy, x + w - 1, uy], fill=fg)
                if c.strikethrough:
                    sy = y + chh // 2
                    draw.line([x, sy, x + w - 1, sy], fill=fg)
                col += span
        return img


# tmux writes the cells of curses' ACS lines (on a terminal that is not
# UTF-8) as ASCII letters between SO and SI, for the DEC special graphics set
# of G1. pyte ignores SO/SI in UTF-8 mode, so the text between them is mapped
# here; escape sequences pass unchanged.
TOKEN_RE = re.compile(r"(\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b[()*+][0-9A-Za-z]|\x1b.|[\x0e\x0f])")


def dec_graphics(line, shifted):
    out = []
    for part in TOKEN_RE.split(line):
        if not part:
            continue
        if part == "\x0e":
            shifted[0] = True
        elif part == "\x0f":
            shifted[0] = False
        elif part.startswith("\x1b"):
            out.append(part)
        elif shifted[0]:
            out.append(part.translate(VT100_MAP))
        else:
            out.append(part)
    return "".join(out)


ANSI_RE = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|[\x0e\x0f]")


def find_font(name, explicit=None):
    if explicit:
        return explicit
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return None


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--title")
    ap.add_argument("--size", help="COLSxLINES of the captured pane")
    ap.add_argument("--font", help="a monospace TTF (default DejaVu Sans Mono)")
    ap.add_argument("--font-size", type=int, default=16)
    ap.add_argument("--light", action="store_true",
                    help="a light terminal (#fafafa, dark text) instead of #1e1e1e")
    a = ap.parse_args(argv)

    with open(a.input, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    if a.size:
        m = re.fullmatch(r"(\d+)x(\d+)", a.size)
        if not m:
            ap.error("--size takes COLSxLINES, e.g. 160x45")
        cols, lines = int(m.group(1)), int(m.group(2))
    else:
        lines = max(1, len(rows))
        cols = max([len(ANSI_RE.sub("", r)) for r in rows] + [1])

    screen = Screen(cols, lines)
    stream = pyte.Stream(screen)
    # Each captured line at its own row: an explicit cursor move instead of
    # CR LF, so a full last line never scrolls the screen. SGR and SO/SI
    # state carries over from line to line, as tmux writes it.
    shifted = [False]
    for i, r in enumerate(rows[:lines]):
        stream.feed("\x1b[%d;1H" % (i + 1))
        stream.feed(dec_graphics(r, shifted))

    regular = find_font("DejaVuSansMono.ttf", a.font)
    if not regular:
        sys.exit("render-screen.py: DejaVuSansMono.ttf not found (install fonts-dejavu-core)")
    bold = None if a.font else find_font("DejaVuSansMono-Bold.ttf")
    fallbacks = [p for p in (find_font("DejaVuSans.ttf"),) if p]
    for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"):
        if os.path.isfile(p):
            fallbacks.append(p)
    r = Renderer(regular, bold, fallbacks, a.font_size, LIGHT if a.light else DARK)
    img = r.render(screen, a.title)
    tmp = a.output + ".tmp"
    img.save(tmp, format="PNG", optimize=False)
    os.replace(tmp, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
