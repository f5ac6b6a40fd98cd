#ifndef FEEDPUB_CLIBXML2_SHIM_H
#define FEEDPUB_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses as not concurrency-safe.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

/// Silences libxml2's default error printer (it writes to stderr from inside the library).
static void clibxml2_ignore_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void clibxml2_silence_errors(void) { xmlSetGenericErrorFunc(NULL, clibxml2_ignore_error); }

#endif
