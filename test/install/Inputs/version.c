/* version.c - prints __CDEFER__ (test/install/version.test). */
#include <stddefer.h>
cdefer-version __CDEFER__
