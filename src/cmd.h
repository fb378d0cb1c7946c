/* The commands of mlmat, one function each; argv starts after the command
 * word. Each returns the exit status. */
#ifndef MLMAT_CMD_H
#define MLMAT_CMD_H

int cmd_model(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_theme(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_team(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_dashboard(int argc, char **argv);
/* `mlmat --keys`: every screen's key table, "SCREEN<TAB>KEY<TAB>HELP" lines. */
int cmd_keys(int argc, char **argv);

#endif
