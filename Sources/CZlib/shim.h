// zlib, used only by OpenBadges/Status/GZIP.swift: GZIP for W3C Bitstring Status Lists, deflate for QR PNGs.
#ifndef LAUREL_CZLIB_SHIM_H
#define LAUREL_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2/inflateInit2 are macros; Swift cannot call them directly.
static inline int laurel_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int laurel_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
