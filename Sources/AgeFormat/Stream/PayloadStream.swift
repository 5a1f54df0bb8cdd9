import Dispatch
import SodiumKit

/// age's STREAM: the payload in 64 KiB chunks, each sealed with ChaCha20-Poly1305 under a
/// nonce of an 11-byte big-endian chunk counter and a final-chunk flag byte.
enum PayloadStream {
    static let chunkSize = 64 * 1024
    static let tagSize = ChaChaPoly.tagByteCount
    static let nonceSize = 16
    static let label = Array("payload".utf8)

    /// HKDF-SHA-256(file key, salt = the 16-byte payload nonce, info "payload").
    static func key(fileKey: SecureBytes, nonce: [UInt8]) throws -> SecureBytes {
        try AgeError.sodium { try HKDFSHA256.derive(ikm: fileKey, salt: nonce, info: label, length: 32) }
    }

    /// The nonce of chunk `chunk`: the counter big-endian in bytes 0…10, the final flag in
    /// byte 11. The one spelling of the layout, for the encryptor and the decryptor.
    static func nonce(chunk: UInt64, final: Bool) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: ChaChaPoly.nonceByteCount)
        for index in 0..<8 { bytes[10 - index] = UInt8(truncatingIfNeeded: chunk >> (8 * UInt64(index))) }
        bytes[11] = final ? 1 : 0
        return bytes
    }

}

/// Encrypts a source into STREAM chunks.
///
/// The first chunk is sealed and written on its own, so a small message needs one chunk's
/// buffers and no other thread. After it, chunks are sealed `batchChunks` at a time, half
/// on this thread and half on another, into one of two ciphertext buffers while a
/// `BackgroundWriter` writes the other, so that the encryption uses both cores and the
/// kernel's copy of the output overlaps it (BENCHMARKS.md: encrypt against age; the price
/// is some more CPU time than on one thread). Memory stays constant at any file size.
final class PayloadEncryptor {
    static let batchChunks = 16

    private let key: SecureBytes
    private var chunk: UInt64 = 0

    init(key: SecureBytes) { self.key = key }

    /// Reads `source` to its end and writes every sealed chunk to `sink`. An empty source
    /// gives one empty final chunk; a source of whole chunks ends with a full final chunk.
    func run(from source: any ByteSource, to sink: any ByteSink) throws {
        // The first chunk, plus one byte of look-ahead that tells whether it is the last.
        var lookAhead: UInt8 = 0
        do {
            let plaintext = UnsafeMutableRawBufferPointer.allocate(
                byteCount: PayloadStream.chunkSize + 1, alignment: 16)
            let ciphertext = UnsafeMutableRawBufferPointer.allocate(
                byteCount: PayloadStream.chunkSize + PayloadStream.tagSize, alignment: 16)
            defer {
                ConstantTime.wipe(plaintext)
                plaintext.deallocate()
                ciphertext.deallocate()
            }
            let count = try fill(plaintext, from: 0, source: source)
            let final = count <= PayloadStream.chunkSize
            let sealed = try seal(
                plaintext, chunks: 1, length: min(count, PayloadStream.chunkSize), lastIsFinal: final, into: ciphertext)
            try sink.write(UnsafeRawBufferPointer(rebasing: ciphertext[..<sealed]))
            if final { return }
            lookAhead = plaintext[PayloadStream.chunkSize]
        }

        // The rest, in batches, written in the background from two alternating buffers.
        let capacity = Self.batchChunks * PayloadStream.chunkSize
        let plaintext = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + 1, alignment: 16)
        let ciphertexts = (0..<2).map { _ in
            UnsafeMutableRawBufferPointer.allocate(
                byteCount: Self.batchChunks * (PayloadStream.chunkSize + PayloadStream.tagSize), alignment: 16)
        }
        defer {
            ConstantTime.wipe(plaintext)
            plaintext.deallocate()
            for buffer in ciphertexts { buffer.deallocate() }
        }
        let writer = BackgroundWriter(sink)
        do {
            var turn = 0
            plaintext[0] = lookAhead
            var count = 1
            while true {
                count = try fill(plaintext, from: count, source: source)
                let final = count <= capacity
                let length = min(count, capacity)
                let chunks =
                    final ? max(1, (length + PayloadStream.chunkSize - 1) / PayloadStream.chunkSize) : Self.batchChunks
                let output = ciphertexts[turn]
                let sealed = try seal(plaintext, chunks: chunks, length: length, lastIsFinal: final, into: output)
                try writer.submit(UnsafeRawBufferPointer(rebasing: output[..<sealed]))
                if final { break }
                plaintext[0] = plaintext[capacity]
                count = 1
                turn = 1 - turn
            }
            try writer.finish()
        } catch {
            // No write may still be reading a buffer when they are freed.
            try? writer.finish()
            throw error
        }
    }

    /// Reads into `buffer` from offset `count` until it is full or the source ends; returns
    /// the bytes it then holds.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, from count: Int, source: any ByteSource) throws -> Int {
        var count = count
        while count < buffer.count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if n == 0 { break }
            count += n
        }
        return count
    }

    /// Seals `chunks` chunks of `plaintext` (`length` bytes in all) into `output`, advancing
    /// the chunk counter; returns the bytes written. Several chunks are split between this
    /// thread and another: each chunk needs only its own nonce.
    private func seal(
        _ plaintext: UnsafeMutableRawBufferPointer, chunks: Int, length: Int, lastIsFinal: Bool,
        into output: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        let workers = chunks > 1 ? 2 : 1
        var failures = [AgeError?](repeating: nil, count: workers)
        let first = chunk
        failures.withUnsafeMutableBufferPointer { slots in
            // Each worker reads its own chunks and writes its own slot and output range.
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let plaintext = plaintext
            nonisolated(unsafe) let output = output
            let key = key
            let work: @Sendable (Int) -> Void = { worker in
                for index in (chunks * worker / workers)..<(chunks * (worker + 1) / workers) {
                    let from = index * PayloadStream.chunkSize
                    let to = min(from + PayloadStream.chunkSize, length)
                    let at = index * (PayloadStream.chunkSize + PayloadStream.tagSize)
                    let nonce = PayloadStream.nonce(
                        chunk: first + UInt64(index), final: lastIsFinal && index == chunks - 1)
                    do {
                        _ = try ChaChaPoly.seal(
                            UnsafeRawBufferPointer(rebasing: plaintext[from..<to]), key: key, nonce: nonce,
                            into: UnsafeMutableRawBufferPointer(
                                rebasing: output[at..<(at + to - from + PayloadStream.tagSize)]))
                    } catch let error as SodiumError {
                        slots[worker] = .crypto(error)
                        return
                    } catch {
                        slots[worker] = .crypto(.authenticationFailed)
                        return
                    }
                }
            }
            if workers == 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers, execute: work)
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        chunk += UInt64(chunks)
        return length + chunks * PayloadStream.tagSize
    }
}

/// Decrypts STREAM chunks with two fixed buffers, releasing each chunk to the sink once it
/// has authenticated.
final class PayloadDecryptor {
    private let key: SecureBytes
    /// The number of the chunk being opened.
    private var chunk: UInt64 = 0
    private let ciphertext = UnsafeMutableRawBufferPointer.allocate(
        byteCount: PayloadStream.chunkSize + PayloadStream.tagSize, alignment: 16)
    /// Separate from `ciphertext`: a failed attempt with one flag must leave the chunk intact
    /// for the attempt with the other.
    private let plaintext = UnsafeMutableRawBufferPointer.allocate(byteCount: PayloadStream.chunkSize, alignment: 16)
    /// How much of `plaintext` has held plaintext: only that is wiped, which for the many
    /// small files of an exercise report is a few KiB instead of the whole chunk buffer.
    private var plaintextUsed = 0

    init(key: SecureBytes) { self.key = key }

    deinit {
        ConstantTime.wipe(UnsafeMutableRawBufferPointer(rebasing: plaintext[..<plaintextUsed]))
        plaintext.deallocate()
        ciphertext.deallocate()
    }

    /// Opens the current chunk with the `final` flag; nil if it does not authenticate.
    private func open(_ count: Int, final: Bool) throws -> Int? {
        let nonce = PayloadStream.nonce(chunk: chunk, final: final)
        // libsodium may write up to the chunk's length even when authentication fails.
        plaintextUsed = max(plaintextUsed, count - PayloadStream.tagSize)
        do {
            return try ChaChaPoly.open(
                UnsafeRawBufferPointer(rebasing: ciphertext[..<count]), key: key, nonce: nonce, into: plaintext)
        } catch SodiumError.authenticationFailed {
            return nil
        } catch let error as SodiumError {
            throw AgeError.crypto(error)
        }
    }

    func run(from reader: BufferedReader, to sink: any ByteSink) throws {
        while true {
            let count = try reader.readFully(into: ciphertext)
            if count == 0 { throw AgeError.truncated(chunks: chunk) }
            let length: Int
            var final = false
            if count < ciphertext.count {
                // A short chunk can only be the last one, and only the first chunk may be empty.
                if chunk > 0 && count == PayloadStream.tagSize {
                    throw AgeError.emptyFinalChunk(chunk: chunk)
                }
                guard let opened = try open(count, final: true) else {
                    throw AgeError.payloadAuthenticationFailed(chunk: chunk)
                }
                length = opened
                final = true
            } else if let opened = try open(count, final: false) {
                // A full chunk is tried as a middle chunk first, as age does; a full-length
                // final chunk is the only other possibility.
                length = opened
            } else if let opened = try open(count, final: true) {
                length = opened
                final = true
            } else {
                throw AgeError.payloadAuthenticationFailed(chunk: chunk)
            }
            try sink.write(UnsafeRawBufferPointer(rebasing: plaintext[..<length]))
            if final {
                if try reader.hasMoreInput() { throw AgeError.trailingData }
                return
            }
            chunk += 1
        }
    }
}
