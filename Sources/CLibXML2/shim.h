#ifndef FEEDPUB_CLIBXML2_SHIM_H
#define FEEDPUB_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU, and libxml/encoding.h then includes the system's <unicode/ucnv.h>. Swift's
   Foundation carries its own, newer ICU (_FoundationICU), and a module that sees both fails to build
   ("'U_MF_…' from module '_FoundationICU' is not present in definition of 'enum UErrorCode'"). feedpub uses no
   ICU API of libxml2 and never touches xmlCharEncodingHandler's fields, so the ICU parts are left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses as not concurrency-safe.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

/// Silences libxml2's default error printer (it writes to stderr from inside the library).
static void clibxml2_ignore_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void clibxml2_silence_errors(void) { xmlSetGenericErrorFunc(NULL, clibxml2_ignore_error); }

#endif
