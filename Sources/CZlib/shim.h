#ifndef REPLAY_CZLIB_SHIM_H
#define REPLAY_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro; Swift cannot call it. 16 + MAX_WBITS: gzip framing only. */
static inline int replay_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
#endif
