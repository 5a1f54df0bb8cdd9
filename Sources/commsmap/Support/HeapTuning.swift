import CHeap

/// Tells glibc's allocator to keep freed memory instead of returning it to the kernel at
/// every `free` that leaves more than 128 KiB at the top of a heap.
///
/// `exercise report` decrypts tens of thousands of small files on both cores, each with
/// 64 KiB stream buffers. With glibc's default trim threshold, freeing them shrank the heap
/// (`brk`, `madvise`) after almost every file, and each shrink made the kernel flush the TLB
/// of the other core: about a quarter of the report's wall time (`strace -c -f` counted
/// 5,232 `brk` and 2,640 `madvise` calls for 4,000 files; Tools/bench/notes.md). A
/// command-line process that lives for seconds loses nothing by keeping up to 64 MiB of
/// freed heap for reuse, and the peak memory of a command does not grow by it.
enum HeapTuning {
    static let keptBytes: Int32 = 64 << 20

    static func apply() {
        _ = commsmap_heap_keep_freed(keptBytes)
    }
}
