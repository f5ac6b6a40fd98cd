#define _GNU_SOURCE
#include "CFeedpubSystem.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int feedpub_syncfs(int descriptor) { return syncfs(descriptor); }

int feedpub_open_beneath(int directory, const char *path, int flags) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)flags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long result;
    do {
        result = syscall(SYS_openat2, directory, path, &how, sizeof how);
    } while (result < 0 && errno == EINTR);
    return (int)result;
}

/* Only a sig_atomic_t is written in the handler: the one thing a handler may safely do. */
static volatile sig_atomic_t pending_signal = 0;

static void record_signal(int number) {
    if (pending_signal == 0) pending_signal = number;
    signal(number, SIG_DFL);
}

static const int trapped_signals[] = {SIGINT, SIGTERM, SIGHUP};

void feedpub_trap_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a blocking call (a lock wait) returns with EINTR */
    for (size_t i = 0; i < sizeof trapped_signals / sizeof trapped_signals[0]; i++) {
        struct sigaction old;
        if (sigaction(trapped_signals[i], NULL, &old) != 0) continue;
        if (old.sa_handler == SIG_IGN) continue; /* ignored by whoever started us (nohup): stays ignored */
        sigaction(trapped_signals[i], &action, NULL);
    }
}

void feedpub_release_signals(void) {
    for (size_t i = 0; i < sizeof trapped_signals / sizeof trapped_signals[0]; i++) {
        struct sigaction old;
        if (sigaction(trapped_signals[i], NULL, &old) != 0) continue;
        if (old.sa_handler == record_signal) signal(trapped_signals[i], SIG_DFL);
    }
}

int feedpub_pending_signal(void) { return pending_signal; }

void feedpub_clear_signal(void) { pending_signal = 0; }

struct build_id_search {
    uintptr_t code;
    unsigned char *buffer;
    size_t capacity;
    size_t length;
};

/* Whether the object holds the address `code` in one of its loaded segments. */
static int holds(const struct dl_phdr_info *info, uintptr_t code) {
    for (ElfW(Half) index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        uintptr_t start = info->dlpi_addr + header->p_vaddr;
        if (header->p_type == PT_LOAD && code >= start && code < start + header->p_memsz) return 1;
    }
    return 0;
}

/* Called for each loaded object; stops at the one that holds this code (the program, or a library). */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    if (!holds(info, search->code)) return 0;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + header->p_vaddr);
        const unsigned char *end = note + header->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *)note;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            const unsigned char *desc = name + ((entry->n_namesz + 3) & ~3u);
            const unsigned char *next = desc + ((entry->n_descsz + 3) & ~3u);
            if (next > end) break;
            if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                search->length = entry->n_descsz;
                memcpy(search->buffer, desc, entry->n_descsz < search->capacity ? entry->n_descsz : search->capacity);
                return 1;
            }
            note = next;
        }
    }
    return 1;
}

size_t feedpub_build_id(unsigned char *buffer, size_t capacity) {
    struct build_id_search search = {(uintptr_t)&feedpub_build_id, buffer, capacity, 0};
    dl_iterate_phdr(find_build_id, &search);
    return search.length;
}

int feedpub_punch_hole(int descriptor, long long offset, long long length) {
    return fallocate(descriptor, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
}
