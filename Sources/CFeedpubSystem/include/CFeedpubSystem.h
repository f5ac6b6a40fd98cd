#ifndef FEEDPUB_CFEEDPUBSYSTEM_H
#define FEEDPUB_CFEEDPUBSYSTEM_H

#include <stddef.h>

/* What Swift's Glibc module does not declare, for FeedpubSystem alone. */

/// fallocate(2) with FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE: frees the disk space of `length` bytes at `offset`.
/// 0, or -1 with errno set (EOPNOTSUPP where the file system cannot).
int feedpub_punch_hole(int descriptor, long long offset, long long length);

/// syncfs(2), a GNU extension: flushes the file system holding `descriptor`. 0, or -1 with errno set.
int feedpub_syncfs(int descriptor);

/// Copies the GNU build id of the running program (its ELF `.note.gnu.build-id`) into `buffer`.
/// Returns the id's length (which may exceed `capacity`; only `capacity` bytes are copied), or 0 when it has none.
size_t feedpub_build_id(unsigned char *buffer, size_t capacity);

/// openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS: opens `path` relative to the folder `directory` only if it
/// stays beneath that folder and no step of it is a symbolic link. A descriptor, or -1 with errno set (ENOSYS where
/// the kernel has no openat2, EXDEV when the path would leave the folder, ELOOP at a symbolic link).
int feedpub_open_beneath(int directory, const char *path, int flags);

/// Starts catching SIGINT, SIGTERM and SIGHUP: the first one is recorded for feedpub_pending_signal() and puts the
/// default action back, so that a second one stops the process at once.
void feedpub_trap_signals(void);

/// Stops catching the signals feedpub_trap_signals() caught (their default action again); ignored ones stay ignored.
void feedpub_release_signals(void);

/// The signal caught since feedpub_trap_signals(), or 0.
int feedpub_pending_signal(void);

/// Forgets a caught signal (for tests).
void feedpub_clear_signal(void);

#endif
