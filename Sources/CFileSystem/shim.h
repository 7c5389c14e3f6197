// Linux's renameat2, which Swift's Glibc module does not import (glibc declares it only with
// _GNU_SOURCE). glibc has exported it since 2.28.
#include <stdio.h>
#include <fcntl.h>

extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

// Swaps two paths atomically (RENAME_EXCHANGE): both must exist.
static inline int replay_rename_exchange(int dirfd, const char *a, const char *b) {
    return renameat2(dirfd, a, dirfd, b, 1u << 1);
}
