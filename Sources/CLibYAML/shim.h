#ifndef FEEDPUB_CLIBYAML_SHIM_H
#define FEEDPUB_CLIBYAML_SHIM_H

/* libyaml's event parser (Debian's libyaml-dev), read by CuratedContent's FastYAMLReader alone. */
#include <yaml.h>

#endif
