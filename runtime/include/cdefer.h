/* cdefer.h - <stddefer.h> plus cdefer's extensions.
 *
 * The panic/recover API and cdefer_result (SPEC sections 4 and 5) arrive
 * with the runtime; until then this header is <stddefer.h>. */
#ifndef CDEFER_H
#define CDEFER_H

#include "stddefer.h"

#endif /* CDEFER_H */
