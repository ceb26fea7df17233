#define _GNU_SOURCE
#include "CLineEdit.h"

#include <dlfcn.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/*
 * libedit's public API, declared here because no headers are installed. Values follow
 * NetBSD's histedit.h (libedit 3.1, as shipped by Debian and macOS); EditLine and History
 * stay opaque.
 */
typedef struct cle_lineinfo {
    const char *buffer;
    const char *cursor;
    const char *lastchar;
} cle_lineinfo;

typedef struct cle_histevent {
    int num;
    const char *str;
} cle_histevent;

enum {
    CLE_EL_PROMPT = 0,
    CLE_EL_EDITOR = 2,
    CLE_EL_SIGNAL = 3,
    CLE_EL_BIND = 4,
    CLE_EL_ADDFN = 9,
    CLE_EL_HIST = 10,
    CLE_EL_GETCFN = 13,
    CLE_EL_PROMPT_ESC = 21,
};

enum {
    CLE_H_SETSIZE = 1,
    CLE_H_ENTER = 10,
    CLE_H_SETUNIQUE = 20,
};

enum {
    CLE_CC_REFRESH = 4,
    CLE_CC_ERROR = 6,
    CLE_CC_REDISPLAY = 8,
};

typedef void *(*el_init_t)(const char *, FILE *, FILE *, FILE *);
typedef void (*el_end_t)(void *);
typedef const char *(*el_gets_t)(void *, int *);
typedef int (*el_set_t)(void *, int, ...);
typedef const cle_lineinfo *(*el_line_t)(void *);
typedef int (*el_insertstr_t)(void *, const char *);
typedef void *(*history_init_t)(void);
typedef void (*history_end_t)(void *);
typedef int (*history_t)(void *, cle_histevent *, int, ...);

static struct {
    void *handle;
    el_init_t el_init;
    el_end_t el_end;
    el_gets_t el_gets;
    el_set_t el_set;
    el_line_t el_line;
    el_insertstr_t el_insertstr;
    history_init_t history_init;
    history_end_t history_end;
    history_t history;
} lib;

static void *editor;
static void *hist;
static cle_complete_fn completer;
static char *prompt_text;
static volatile sig_atomic_t interrupted;

static int load_library(void) {
    if (lib.handle) return 1;
    const char *skip = getenv("DOCKYARD_NO_LIBEDIT");
    if (skip && *skip && strcmp(skip, "0") != 0) return 0;
    static const char *const names[] = {
        "libedit.so.2", "libedit.so.0", "libedit.so", "libedit.3.dylib", "libedit.dylib",
    };
    void *h = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !h; i++) {
        h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!h) return 0;
    lib.el_init = (el_init_t)dlsym(h, "el_init");
    lib.el_end = (el_end_t)dlsym(h, "el_end");
    lib.el_gets = (el_gets_t)dlsym(h, "el_gets");
    lib.el_set = (el_set_t)dlsym(h, "el_set");
    lib.el_line = (el_line_t)dlsym(h, "el_line");
    lib.el_insertstr = (el_insertstr_t)dlsym(h, "el_insertstr");
    lib.history_init = (history_init_t)dlsym(h, "history_init");
    lib.history_end = (history_end_t)dlsym(h, "history_end");
    lib.history = (history_t)dlsym(h, "history");
    if (!lib.el_init || !lib.el_end || !lib.el_gets || !lib.el_set || !lib.el_line ||
        !lib.el_insertstr || !lib.history_init || !lib.history_end || !lib.history) {
        dlclose(h);
        memset(&lib, 0, sizeof lib);
        return 0;
    }
    lib.handle = h;
    return 1;
}

int cle_available(void) { return load_library(); }

static void on_sigint(int sig) {
    (void)sig;
    interrupted = 1;
}

void cle_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read() must return EINTR */
    sigaction(SIGINT, &sa, NULL);
    /* A parent may have left SIGINT blocked (some test runners and process launchers do). */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int cle_take_interrupt(void) {
    int was = interrupted;
    interrupted = 0;
    return was;
}

int cle_input_pending(void) {
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

static char *prompt_fn(void *el) {
    (void)el;
    return prompt_text ? prompt_text : (char *)"> ";
}

void cle_set_prompt(const char *prompt) {
    char *copy = strdup(prompt ? prompt : "");
    if (!copy) return;
    free(prompt_text);
    prompt_text = copy;
}

/* Tab: ask Swift for completions of the text before the cursor. */
static unsigned char complete_fn(void *el, int ch) {
    (void)ch;
    if (!completer) return CLE_CC_ERROR;
    const cle_lineinfo *li = lib.el_line(el);
    if (!li || !li->buffer || !li->cursor || li->cursor < li->buffer) return CLE_CC_ERROR;
    size_t len = (size_t)(li->cursor - li->buffer);
    char *before = malloc(len + 1);
    if (!before) return CLE_CC_ERROR;
    memcpy(before, li->buffer, len);
    before[len] = '\0';
    char *insert = NULL, *listing = NULL;
    completer(before, &insert, &listing);
    free(before);
    unsigned char result = CLE_CC_ERROR; /* nothing to offer: beep */
    if (insert && *insert) {
        lib.el_insertstr(el, insert);
        result = CLE_CC_REFRESH;
    }
    if (listing && *listing) {
        fputs("\n", stdout);
        fputs(listing, stdout);
        fflush(stdout);
        result = CLE_CC_REDISPLAY;
    }
    free(insert);
    free(listing);
    return result;
}

#ifndef __APPLE__
/*
 * Our own character reader. libedit's built-in one retries a read() interrupted by a
 * signal once, which would swallow the first Ctrl-C; this one gives up at once when our
 * SIGINT flag is set, so el_gets returns and the line is discarded. (Since libedit
 * 2016-06 the narrow el_set also takes a wchar_t reader.)
 */
static int read_char_fn(void *el, wchar_t *out) {
    (void)el;
    char buf[8];
    size_t n = 0;
    for (;;) {
        if (interrupted) {
            *out = L'\0';
            errno = EINTR;
            return -1;
        }
        /* Wait in short slices so that a SIGINT landing just before the read (when
         * nothing would interrupt it) is still noticed. */
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&p, 1, 1000);
        if (ready == 0) continue;
        if (ready < 0 && errno == EINTR) continue;
        ssize_t r = read(STDIN_FILENO, buf + n, 1);
        if (r < 0) {
            if (errno == EINTR) continue; /* the flag check above decides */
            *out = L'\0';
            return -1;
        }
        if (r == 0) {
            *out = L'\0';
            return 0;
        }
        n++;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t k = mbrtowc(out, buf, n, &state);
        if (k == (size_t)-2) {
            if (n >= sizeof buf) n = 0; /* overlong garbage: drop it */
            continue;
        }
        if (k == (size_t)-1) {
            n = 0; /* invalid byte: drop it, as libedit does */
            continue;
        }
        return 1;
    }
}
#endif

int cle_open(const char *program, cle_complete_fn complete) {
    if (editor) return 1;
    if (!load_library()) return 0;
    setlocale(LC_CTYPE, "");
    cle_install_sigint();
    editor = lib.el_init(program ? program : "dockyard", stdin, stdout, stderr);
    if (!editor) return 0;
    hist = lib.history_init();
    if (hist) {
        cle_histevent ev;
        lib.history(hist, &ev, CLE_H_SETSIZE, 1000);
        lib.history(hist, &ev, CLE_H_SETUNIQUE, 1);
        lib.el_set(editor, CLE_EL_HIST, lib.history, hist);
    }
    lib.el_set(editor, CLE_EL_EDITOR, "emacs");
    lib.el_set(editor, CLE_EL_SIGNAL, 0);
    lib.el_set(editor, CLE_EL_PROMPT_ESC, prompt_fn, (int)'\1');
#ifndef __APPLE__
    lib.el_set(editor, CLE_EL_GETCFN, read_char_fn);
#endif
    completer = complete;
    lib.el_set(editor, CLE_EL_ADDFN, "dockyard-complete", "Complete a command or file name",
               complete_fn);
    lib.el_set(editor, CLE_EL_BIND, "^I", "dockyard-complete", (const char *)NULL);
    lib.el_set(editor, CLE_EL_BIND, "^R", "em-inc-search-prev", (const char *)NULL);
    return 1;
}

char *cle_read_line(int *status) {
    *status = 2;
    if (!editor) return NULL;
    interrupted = 0;
    int count = 0;
    const char *line = lib.el_gets(editor, &count);
    if (cle_take_interrupt()) {
        *status = 1;
        return NULL;
    }
    if (!line) {
        *status = count == 0 ? 0 : 2;
        return NULL;
    }
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    char *copy = malloc(len + 1);
    if (!copy) return NULL;
    memcpy(copy, line, len);
    copy[len] = '\0';
    return copy;
}

void cle_history_add(const char *line) {
    if (!hist || !line || !*line) return;
    cle_histevent ev;
    lib.history(hist, &ev, CLE_H_ENTER, line);
}

void cle_close(void) {
    if (editor) lib.el_end(editor);
    if (hist) lib.history_end(hist);
    editor = NULL;
    hist = NULL;
    completer = NULL;
}

char *cle_read_secret(const char *prompt, int *status) {
    *status = 2;
    interrupted = 0;
    struct termios saved;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        struct termios quiet = saved;
        /* Cooked mode (the kernel handles Backspace and Ctrl-U), signals on, no echo. */
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
        quiet.c_lflag |= ICANON | ISIG;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    if (prompt && *prompt) {
        fputs(prompt, stdout);
    }
    fflush(stdout);
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    int done = 0;
    while (buf && !done) {
        if (cle_take_interrupt()) {
            *status = 1;
            free(buf);
            buf = NULL;
            break;
        }
        /* Short waits, so that a SIGINT landing just before read() is still noticed. */
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&p, 1, 1000);
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
        char c;
        ssize_t r = read(STDIN_FILENO, &c, 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(buf);
            buf = NULL;
            break;
        }
        if (r == 0) {
            if (len == 0) {
                *status = 0;
                free(buf);
                buf = NULL;
            }
            done = 1;
            break;
        }
        if (c == '\n') {
            done = 1;
            break;
        }
        if (len + 1 >= cap) {
            char *bigger = cap < (1u << 20) ? realloc(buf, cap * 2) : NULL;
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        buf[len++] = c;
    }
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        /* The Enter typed was not echoed: end the prompt's line, as Docker does. */
        if (buf) fputs("\n", stdout);
        fflush(stdout);
    }
    if (buf) {
        while (len > 0 && buf[len - 1] == '\r') len--;
        buf[len] = '\0';
    }
    return buf;
}

int cle_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) return 0;
    return ws.ws_col;
}
