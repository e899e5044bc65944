#include "cdefer-gcc.h"
namespace cdefer {
void dump_function (tree, const std::vector<lowered_defer> &) {}
}
