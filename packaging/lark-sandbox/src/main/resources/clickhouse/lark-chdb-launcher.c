/*
 * lark-chdb-launcher: serves ClickHouse (libchdb.so from the npm package @chdb/lib-linux-x64-gnu) over HTTP and
 * the native TCP protocol on 127.0.0.1, for the Lark sandbox.
 *
 *   usage: lark-chdb-launcher <libchdb.so> <data dir> <http port> <tcp port>
 *
 * libchdb runs clickhouse-local in-process. clickhouse-local starts its HTTP/TCP listeners on
 * "SYSTEM START LISTEN" and keeps them for as long as the query runs, so the query ends with a statement that
 * blocks reading the FIFO <data dir>/ctl.fifo. SIGTERM/SIGINT/SIGHUP write one line into that FIFO: the read
 * ends, the query returns and ClickHouse shuts down cleanly (parts flushed, metadata written).
 *
 * When client connections (e.g. idle HTTP keep-alive) are still open at shutdown, ClickHouse waits
 * shutdown_wait_unfinished (5 s) and then ends the process itself with status 0, as its server does; our
 * "ClickHouse stopped" line is then missing, but every part already written is on disk and survives.
 *
 * The signals are blocked before dlopen, so every thread ClickHouse creates inherits the mask and only our
 * signal thread (sigwait) ever sees them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Layout of struct local_result_v2 in chdb.h. */
struct local_result_v2 {
    char *buf;
    size_t len;
    void *vec;
    double elapsed;
    uint64_t rows_read;
    uint64_t bytes_read;
    char *error_message;
};

typedef struct local_result_v2 *(*query_stable_v2_fn)(int argc, char **argv);
typedef void (*free_result_v2_fn)(struct local_result_v2 *result);

static sigset_t stop_signals;
static char fifo_path[4096];

static void say(const char *msg) {
    fprintf(stderr, "lark-chdb-launcher: %s\n", msg);
    fflush(stderr);
}

/* Waits for a stop signal, then ends the blocking read of the FIFO. */
static void *signal_thread(void *arg) {
    (void) arg;
    int sig = 0;
    if (sigwait(&stop_signals, &sig) != 0) {
        return NULL;
    }
    fprintf(stderr, "lark-chdb-launcher: signal %d, stopping ClickHouse\n", sig);
    fflush(stderr);
    /* O_NONBLOCK: opening a FIFO for writing fails with ENXIO until the reader has it open (ClickHouse may
     * still be starting); retry for up to 30 s, then give up and exit. */
    for (int i = 0; i < 300; i++) {
        int fd = open(fifo_path, O_WRONLY | O_NONBLOCK);
        if (fd >= 0) {
            const char line[] = "stop\n";
            ssize_t n = write(fd, line, sizeof line - 1);
            (void) n;
            close(fd);
            return NULL;
        }
        if (errno != ENXIO) {
            break;
        }
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    say("ClickHouse never opened the control FIFO; exiting without a clean shutdown");
    _exit(3);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s <libchdb.so> <data dir> <http port> <tcp port>\n", argv[0]);
        return 2;
    }
    const char *lib = argv[1];
    const char *dir = argv[2];
    const char *http_port = argv[3];
    const char *tcp_port = argv[4];

    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGHUP);
    if (pthread_sigmask(SIG_BLOCK, &stop_signals, NULL) != 0) {
        say("cannot block signals");
        return 1;
    }

    if (snprintf(fifo_path, sizeof fifo_path, "%s/ctl.fifo", dir) >= (int) sizeof fifo_path) {
        say("data dir path too long");
        return 2;
    }
    if (mkfifo(fifo_path, 0600) != 0 && errno != EEXIST) {
        fprintf(stderr, "lark-chdb-launcher: cannot create FIFO %s: %s\n", fifo_path, strerror(errno));
        return 1;
    }

    void *handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        fprintf(stderr, "lark-chdb-launcher: cannot load %s: %s\n", lib, dlerror());
        return 1;
    }
    query_stable_v2_fn query = (query_stable_v2_fn) dlsym(handle, "query_stable_v2");
    free_result_v2_fn free_result = (free_result_v2_fn) dlsym(handle, "free_result_v2");
    if (query == NULL || free_result == NULL) {
        say("libchdb does not export query_stable_v2/free_result_v2");
        return 1;
    }

    pthread_t tid;
    if (pthread_create(&tid, NULL, signal_thread, NULL) != 0) {
        say("cannot start the signal thread");
        return 1;
    }

    char path_arg[4200], http_arg[64], tcp_arg[64], query_arg[4400];
    snprintf(path_arg, sizeof path_arg, "--path=%s", dir);
    snprintf(http_arg, sizeof http_arg, "--http_port=%s", http_port);
    snprintf(tcp_arg, sizeof tcp_arg, "--tcp_port=%s", tcp_port);
    snprintf(query_arg, sizeof query_arg,
             "--query=SYSTEM START LISTEN HTTP; SYSTEM START LISTEN TCP; "
             "SELECT count() FROM file('%s', 'LineAsString')", fifo_path);
    char *args[] = {"clickhouse", "--multiquery", path_arg, http_arg, tcp_arg, "--listen_host=127.0.0.1",
                    "--output-format=TSV", query_arg, NULL};
    int nargs = (int) (sizeof args / sizeof args[0]) - 1;

    fprintf(stderr, "lark-chdb-launcher: serving %s on 127.0.0.1 http %s tcp %s\n", dir, http_port, tcp_port);
    fflush(stderr);
    struct local_result_v2 *result = query(nargs, args);
    int rc = 0;
    if (result == NULL) {
        say("query_stable_v2 returned no result");
        rc = 1;
    } else {
        if (result->error_message != NULL) {
            fprintf(stderr, "lark-chdb-launcher: ClickHouse error: %s\n", result->error_message);
            rc = 1;
        }
        free_result(result);
    }
    say(rc == 0 ? "ClickHouse stopped" : "ClickHouse failed");
    /* Skip library destructors: ClickHouse has already shut down its servers. */
    fflush(NULL);
    _exit(rc);
}
