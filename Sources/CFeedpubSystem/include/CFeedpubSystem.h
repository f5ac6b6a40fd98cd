#ifndef FEEDPUB_CFEEDPUBSYSTEM_H
#define FEEDPUB_CFEEDPUBSYSTEM_H

#include <stddef.h>

/* What Swift's Glibc module does not declare, for FeedpubSystem alone. */

/// syncfs(2), a GNU extension: flushes the file system holding `descriptor`. 0, or -1 with errno set.
int feedpub_syncfs(int descriptor);

/// Copies the GNU build id of the running program (its ELF `.note.gnu.build-id`) into `buffer`.
/// Returns the id's length (which may exceed `capacity`; only `capacity` bytes are copied), or 0 when it has none.
size_t feedpub_build_id(unsigned char *buffer, size_t capacity);

#endif
