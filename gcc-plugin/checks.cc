#include "cdefer-gcc.h"
namespace cdefer {
int check_function (tree, tree *) { return 0; }
}
