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

    /// The per-chunk nonce: counter in bytes 0…10, final flag in byte 11.
    struct ChunkNonce {
        private(set) var bytes = [UInt8](repeating: 0, count: ChaChaPoly.nonceByteCount)
        private(set) var chunk: UInt64 = 0

        mutating func setFinal(_ final: Bool) { bytes[11] = final ? 1 : 0 }

        mutating func advance() {
            chunk &+= 1
            for index in stride(from: 10, through: 0, by: -1) {
                bytes[index] &+= 1
                if bytes[index] != 0 { break }
            }
        }
    }
}

/// Encrypts a source into STREAM chunks with two fixed buffers.
final class PayloadEncryptor {
    private let key: SecureBytes
    private var nonce = PayloadStream.ChunkNonce()
    /// One chunk plus one byte of look-ahead, which tells whether the chunk is the last.
    private let plaintext = UnsafeMutableRawBufferPointer.allocate(
        byteCount: PayloadStream.chunkSize + 1, alignment: 16)
    private let ciphertext = UnsafeMutableRawBufferPointer.allocate(
        byteCount: PayloadStream.chunkSize + PayloadStream.tagSize, alignment: 16)

    init(key: SecureBytes) { self.key = key }

    deinit {
        ConstantTime.wipe(plaintext)
        plaintext.deallocate()
        ciphertext.deallocate()
    }

    /// Reads `source` to its end and writes every sealed chunk to `sink`. An empty source
    /// gives one empty final chunk; a source of whole chunks ends with a full final chunk.
    func run(from source: any ByteSource, to sink: any ByteSink) throws {
        var count = 0
        var ended = false
        while true {
            while count < plaintext.count, !ended {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: plaintext[count...]))
                if n == 0 { ended = true } else { count += n }
            }
            let final = count <= PayloadStream.chunkSize
            let length = min(count, PayloadStream.chunkSize)
            nonce.setFinal(final)
            let sealed = try AgeError.sodium {
                try ChaChaPoly.seal(
                    UnsafeRawBufferPointer(rebasing: plaintext[..<length]), key: key, nonce: nonce.bytes,
                    into: ciphertext)
            }
            try sink.write(UnsafeRawBufferPointer(rebasing: ciphertext[..<sealed]))
            if final { return }
            plaintext[0] = plaintext[PayloadStream.chunkSize]
            count = 1
            nonce.advance()
        }
    }
}

/// Decrypts STREAM chunks with two fixed buffers, releasing each chunk to the sink once it
/// has authenticated.
final class PayloadDecryptor {
    private let key: SecureBytes
    private var nonce = PayloadStream.ChunkNonce()
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

    /// Opens the chunk with the current nonce and `final` flag; nil if it does not authenticate.
    private func open(_ count: Int, final: Bool) throws -> Int? {
        nonce.setFinal(final)
        // libsodium may write up to the chunk's length even when authentication fails.
        plaintextUsed = max(plaintextUsed, count - PayloadStream.tagSize)
        do {
            return try ChaChaPoly.open(
                UnsafeRawBufferPointer(rebasing: ciphertext[..<count]), key: key, nonce: nonce.bytes, into: plaintext)
        } catch SodiumError.authenticationFailed {
            return nil
        } catch let error as SodiumError {
            throw AgeError.crypto(error)
        }
    }

    func run(from reader: BufferedReader, to sink: any ByteSink) throws {
        while true {
            let count = try reader.readFully(into: ciphertext)
            if count == 0 { throw AgeError.truncated(chunks: nonce.chunk) }
            let length: Int
            var final = false
            if count < ciphertext.count {
                // A short chunk can only be the last one, and only the first chunk may be empty.
                if nonce.chunk > 0 && count == PayloadStream.tagSize {
                    throw AgeError.emptyFinalChunk(chunk: nonce.chunk)
                }
                guard let opened = try open(count, final: true) else {
                    throw AgeError.payloadAuthenticationFailed(chunk: nonce.chunk)
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
                throw AgeError.payloadAuthenticationFailed(chunk: nonce.chunk)
            }
            try sink.write(UnsafeRawBufferPointer(rebasing: plaintext[..<length]))
            if final {
                if try reader.hasMoreInput() { throw AgeError.trailingData }
                return
            }
            nonce.advance()
        }
    }
}
