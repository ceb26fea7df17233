#ifndef CLINEEDIT_H
#define CLINEEDIT_H

/*
 * A thin run-time binding to libedit (NetBSD editline as shipped by Debian and macOS).
 * libedit is loaded with dlopen so that no headers or -dev packages are needed to build;
 * when it cannot be loaded, cle_open() fails and the caller uses a plain line reader.
 * The variadic el_set()/history() calls are wrapped here because Swift cannot call
 * C variadic functions through a function pointer.
 */

/* Called on Tab with the line up to the cursor. Fills *insert with text to insert at the
 * cursor (malloc'd, or NULL) and *listing with text to print below the line (malloc'd,
 * or NULL). Both are freed by the C side. */
typedef void (*cle_complete_fn)(const char *line_to_cursor, char **insert, char **listing);

/* Loads libedit (unless DOCKYARD_NO_LIBEDIT is set) and sets up an editor on stdin/stdout
 * with emacs bindings, history, Tab completion and a SIGINT handler of our own.
 * Returns 1 on success, 0 when libedit is unavailable. */
int cle_open(const char *program, cle_complete_fn complete);

/* Whether libedit can be loaded at all (does not set anything up). */
int cle_available(void);

/* Sets the prompt. Bytes between two \001 characters are non-printing (colour codes). */
void cle_set_prompt(const char *prompt);

/* Reads one line. Returns a malloc'd string without the trailing newline, or NULL.
 * On NULL, *status is 0 for end of input (Ctrl-D on an empty line), 1 for an interrupt
 * (Ctrl-C: the line was discarded), 2 for a read error. */
char *cle_read_line(int *status);

/* Adds a line to the in-memory history (empty lines are ignored). */
void cle_history_add(const char *line);

/* Restores the terminal and frees the editor. */
void cle_close(void);

/* Installs the SIGINT handler (no SA_RESTART, so a blocked read returns EINTR). */
void cle_install_sigint(void);

/* Returns and clears the "SIGINT arrived" flag. */
int cle_take_interrupt(void);

/* Whether at least one byte can be read from stdin right now (used to detect pastes). */
int cle_input_pending(void);

/* Shows the prompt and reads one line from stdin with echo off (passwords), restoring the
 * terminal after. Returns a malloc'd string without the newline, or NULL with *status as
 * for cle_read_line (0 end of input, 1 interrupt, 2 error). Needs the SIGINT handler
 * (cle_install_sigint or cle_open) for Ctrl-C to interrupt it. */
char *cle_read_secret(const char *prompt, int *status);

/* The terminal's width in columns on fd, or 0 when it is not a terminal or unknown.
 * (ioctl is variadic, so Swift cannot call it directly.) */
int cle_terminal_columns(int fd);

#endif
