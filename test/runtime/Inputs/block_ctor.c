/* A shared object whose constructor never returns: a thread dlopen'ing it
 * holds the loader's lock forever.  It tells the program it got there by
 * writing a byte to the file descriptor in $BLOCK_CTOR_FD. */
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void block(void)
{
    const char *fd = getenv("BLOCK_CTOR_FD");
    if (fd && write(atoi(fd), "x", 1) != 1)
        abort();
    for (;;)
        pause();
}
