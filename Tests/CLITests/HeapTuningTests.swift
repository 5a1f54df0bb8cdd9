import CHeap
import Foundation
import Testing

/// commsmap keeps freed heap for reuse (Sources/commsmap/Support/HeapTuning.swift); the
/// setting must really reach glibc, which a wrong preprocessor check once kept from happening
/// without any visible failure. Under AddressSanitizer or ThreadSanitizer (`make
/// test-sanitizers`) the sanitizer's allocator replaces glibc's and refuses the setting.
@Suite struct HeapTuningTests {
    static var glibcAllocator: Bool {
        #if os(Linux) && canImport(Glibc)
            guard let handle = dlopen(nil, RTLD_NOW) else { return false }
            defer { dlclose(handle) }
            return dlsym(handle, "__asan_init") == nil && dlsym(handle, "__tsan_init") == nil
        #else
            return false
        #endif
    }

    @Test(.enabled(if: glibcAllocator, "glibc's allocator is replaced by a sanitizer's"))
    func theTrimThresholdReachesGlibc() {
        #expect(commsmap_heap_keep_freed(64 << 20) == 1)
    }
}
