#include "cli.h"
#include "cmd.h"
#include <stdio.h>
int cmd_theme(int argc, char **argv) { (void)argc; (void)argv; fputs("mlmat: not yet\n", stderr); return 1; }
