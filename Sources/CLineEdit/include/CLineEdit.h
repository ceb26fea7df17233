#ifndef CLINEEDIT_H
#define CLINEEDIT_H
/* Run-time binding to libedit (loaded with dlopen). Filled in by the REPL work. */
int cle_available(void);
#endif
