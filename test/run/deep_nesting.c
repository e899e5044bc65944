// SPEC 3.1, 3.2: a `goto` out of ten nested blocks, each with a defer, runs all
// ten, innermost first.
#include <stddefer.h>
#include <stdio.h>

#define LEVEL(k) printf("enter %d\n", k); defer printf("leave %d\n", k);

int main(void)
{
    {
        LEVEL(1) {
            LEVEL(2) {
                LEVEL(3) {
                    LEVEL(4) {
                        LEVEL(5) {
                            LEVEL(6) {
                                LEVEL(7) {
                                    LEVEL(8) {
                                        LEVEL(9) {
                                            LEVEL(10)
                                            goto out;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
out:
    puts("out");
    return 0;
}
