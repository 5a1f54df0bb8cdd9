import Foundation

/// libFuzzer's own entry (clang ≥ 11): parses libFuzzer's options from argv and calls
/// `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with the process's arguments and exits with its status.
///
/// Why a harness has top-level code at all: SwiftPM links an executable target with
/// `--defsym main=<module>_main`, which an executable without top-level code (only
/// `@_cdecl("LLVMFuzzerTestOneInput")`, relying on libFuzzer's `main`) does not define. So a
/// harness exports `LLVMFuzzerTestOneInput` (which libFuzzer's own `main` needs when the
/// linker pulls it in) and its `main.swift` also hands that function to libFuzzer here;
/// whichever `main` the linker keeps, the same driver runs.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}

/// The input as an array (empty for no input).
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
}
