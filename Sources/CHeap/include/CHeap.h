#ifndef COMMSMAP_CHEAP_H
#define COMMSMAP_CHEAP_H

/// Keeps up to `bytes` of freed heap for reuse instead of returning it to the kernel
/// (glibc's M_TRIM_THRESHOLD, which Swift's Glibc module does not export). Does nothing
/// with another C library. Returns 1 when the setting was applied.
int commsmap_heap_keep_freed(int bytes);

#endif
