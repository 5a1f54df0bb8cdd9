import CHeap
import Testing

/// commsmap keeps freed heap for reuse (Sources/commsmap/Support/HeapTuning.swift); the
/// setting must really reach glibc, which a wrong preprocessor check once kept from happening
/// without any visible failure.
@Suite struct HeapTuningTests {
    @Test func theTrimThresholdReachesGlibc() {
        #if os(Linux) && canImport(Glibc)
            #expect(commsmap_heap_keep_freed(64 << 20) == 1)
        #else
            #expect(commsmap_heap_keep_freed(64 << 20) == 0)
        #endif
    }
}
