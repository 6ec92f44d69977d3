/*
 * The floor under the host executor's 100-step benchmark: what one node's
 * private view costs with nothing but system calls, no engine around it.
 *
 *   gcc -O2 bench/view_floor.c -o /tmp/view_floor
 *   /usr/bin/time -f %e /tmp/view_floor DIR N MODE
 *
 * runs /bin/true N times, one after another, each in a child that first
 * (MODE 0) does nothing, (1) enters a user namespace mapping this user to
 * root, (2) also a mount namespace made private, (3) also mounts an overlay
 * over /tmp whose upper and work directories are under DIR (made once and
 * reused, so DIR's filesystem is what is measured), (4) instead mounts a
 * tmpfs in the namespace and the overlay's layers on it, (5) as root, only
 * the mount namespace, made private, and the overlay (what `hera run`
 * does for root). Compare with
 * `sh` running N lines of /bin/true (bench/run_workflow.py --shell).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int put(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* A path under `dir`; the program ends here, so nothing is freed. */
static char *under(const char *dir, const char *name) {
    char *path;
    if (asprintf(&path, "%s/%s", dir, name) < 0) { perror("asprintf"); _exit(1); }
    return path;
}

static void enter(int mode, const char *dir, const char *uid_map, const char *gid_map) {
    if (mode == 5) {
        char *options;
        if (unshare(CLONE_NEWNS) != 0) { perror("unshare mount"); _exit(1); }
        mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL);
        if (asprintf(&options, "lowerdir=/tmp,upperdir=%s,workdir=%s", under(dir, "upper"), under(dir, "work")) < 0) _exit(1);
        if (mount("overlay", "/tmp", "overlay", 0, options) != 0) { perror("overlay"); _exit(1); }
        return;
    }
    if (mode >= 1) {
        if (unshare(CLONE_NEWUSER) != 0) { perror("unshare user"); _exit(1); }
        put("/proc/self/setgroups", "deny");
        if (put("/proc/self/uid_map", uid_map) || put("/proc/self/gid_map", gid_map)) { perror("map"); _exit(1); }
    }
    if (mode >= 2) {
        if (unshare(CLONE_NEWNS) != 0) { perror("unshare mount"); _exit(1); }
        mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL);
    }
    if (mode == 4) {
        dir = under(dir, "scratch");
        if (mount("tmpfs", dir, "tmpfs", 0, "") != 0) { perror("tmpfs"); _exit(1); }
        mkdir(under(dir, "upper"), 0755);
        mkdir(under(dir, "work"), 0755);
    }
    if (mode >= 3) {
        char *options;
        if (asprintf(&options, "lowerdir=/tmp,upperdir=%s,workdir=%s", under(dir, "upper"), under(dir, "work")) < 0) _exit(1);
        if (mount("overlay", "/tmp", "overlay", 0, options) != 0) { perror("overlay"); _exit(1); }
    }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s DIR N MODE(0-5)\n", argv[0]); return 2; }
    const char *dir = argv[1];
    int n = atoi(argv[2]), mode = atoi(argv[3]);
    char uid_map[64], gid_map[64];
    snprintf(uid_map, sizeof uid_map, "0 %d 1\n", (int)getuid());
    snprintf(gid_map, sizeof gid_map, "0 %d 1\n", (int)getgid());
    const char *subdirs[] = {"upper", "work", "scratch"};
    for (int i = 0; i < 3; i++) mkdir(under(dir, subdirs[i]), 0755);
    for (int i = 0; i < n; i++) {
        pid_t child = fork();
        if (child < 0) { perror("fork"); return 1; }
        if (child == 0) {
            enter(mode, dir, uid_map, gid_map);
            execl("/bin/true", "true", (char *)NULL);
            _exit(127);
        }
        int status;
        if (waitpid(child, &status, 0) < 0 || status != 0) { fprintf(stderr, "node %d failed\n", i); return 1; }
    }
    return 0;
}
