/* The terminal around the app loop: the signals it stops on, Ctrl-Z
 * (the terminal as the shell had it while stopped), and xterm's mouse
 * mode and reports. */
#ifndef MLMAT_APP_TERM_H
#define MLMAT_APP_TERM_H

#include "app.h"

#include <stdbool.h>
#include <stdint.h>

/* SIGTERM, SIGHUP and SIGINT end the loop; SIGTSTP suspends it. */
void app_term_signals(void);
/* The signal that asked the loop to end, or 0. */
int app_term_signal(void);
/* Ctrl-Z was pressed: app_term_suspend stops the process until `fg`. */
bool app_term_tstp(void);
void app_term_suspend(struct app *app);
/* The rest of a mouse report after its "ESC [ <", into app->mouse_ev;
 * false for a broken one (its bytes are dropped), one that does nothing
 * (a release), and any with the mouse off. now_ms: for double-clicks. */
bool app_term_read_mouse(struct app *app, int64_t now_ms);

#endif
