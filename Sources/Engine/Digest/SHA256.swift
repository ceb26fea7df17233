/// SHA-256 (FIPS 180-4) in plain Swift.
///
/// Implemented here rather than taken from swift-crypto on purpose: the project keeps its
/// dependency tree to swift-argument-parser alone so CI and clean builds stay small and fast,
/// and the engine only needs one hash function. Tested against the NIST example vectors
/// (including multi-block and one-million-byte inputs) in `EngineTests`.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// Pending bytes of an incomplete block, kept inline so that hashing allocates nothing
    /// but the digest it returns (the builder hashes thousands of short strings per build).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var bufferCount = 0
    private var totalLength: UInt64 = 0

    public init() {}

    /// Feeds bytes into the hash.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(buffer: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        let array = Array(bytes)
        array.withUnsafeBytes { update(buffer: $0) }
    }

    /// Feeds the UTF-8 bytes of a string.
    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(buffer: UnsafeRawBufferPointer($0)) }
    }

    private mutating func update(buffer input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        totalLength &+= UInt64(input.count)
        var offset = 0
        if bufferCount > 0 {
            let take = min(64 - bufferCount, input.count)
            let filled = bufferCount
            withUnsafeMutableBytes(of: &buffer) { raw in
                raw.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take)
            }
            bufferCount += take
            offset = take
            if bufferCount == 64 {
                var block = buffer
                withUnsafeBytes(of: &block) { compress($0.baseAddress!) }
                bufferCount = 0
            }
        }
        while input.count - offset >= 64 {
            compress(base + offset)
            offset += 64
        }
        if offset < input.count {
            let rest = input.count - offset
            withUnsafeMutableBytes(of: &buffer) { raw in
                raw.baseAddress!.copyMemory(from: base + offset, byteCount: rest)
            }
            bufferCount = rest
        }
    }

    /// Finishes and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        // 0x80, zeros up to 56 mod 64, then the bit length big-endian: at most two blocks.
        var pad: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let rest = (bufferCount + 1) % 64
        let padCount = 1 + (rest <= 56 ? 56 - rest : 120 - rest) + 8
        let savedLength = totalLength
        withUnsafeMutableBytes(of: &pad) { raw in
            raw[0] = 0x80
            for i in 0..<8 { raw[padCount - 8 + i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(7 - i) * 8)) }
            update(buffer: UnsafeRawBufferPointer(rebasing: raw[0..<padCount]))
        }
        totalLength = savedLength
        let words = state
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            func put(_ word: UInt32, _ i: Int) {
                out[i] = UInt8(truncatingIfNeeded: word >> 24)
                out[i + 1] = UInt8(truncatingIfNeeded: word >> 16)
                out[i + 2] = UInt8(truncatingIfNeeded: word >> 8)
                out[i + 3] = UInt8(truncatingIfNeeded: word)
            }
            put(words.0, 0); put(words.1, 4); put(words.2, 8); put(words.3, 12)
            put(words.4, 16); put(words.5, 20); put(words.6, 24); put(words.7, 28)
            count = 32
        }
    }

    /// One-shot hash of some bytes.
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    private mutating func compress(_ p: UnsafeRawPointer) {
        var w = (
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0)
        )
        withUnsafeMutableBytes(of: &w) { raw in
            let w = raw.bindMemory(to: UInt32.self)
            for i in 0..<16 {
                let b0 = UInt32(p.load(fromByteOffset: i * 4, as: UInt8.self))
                let b1 = UInt32(p.load(fromByteOffset: i * 4 + 1, as: UInt8.self))
                let b2 = UInt32(p.load(fromByteOffset: i * 4 + 2, as: UInt8.self))
                let b3 = UInt32(p.load(fromByteOffset: i * 4 + 3, as: UInt8.self))
                w[i] = (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
            }
            for i in 16..<64 {
                let s0 = SHA256.rotr(w[i - 15], 7) ^ SHA256.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = SHA256.rotr(w[i - 2], 17) ^ SHA256.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var a = state.0, b = state.1, c = state.2, d = state.3
            var e = state.4, f = state.5, g = state.6, h = state.7
            SHA256.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                    let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    h = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            state.0 &+= a; state.1 &+= b; state.2 &+= c; state.3 &+= d
            state.4 &+= e; state.5 &+= f; state.6 &+= g; state.7 &+= h
        }
    }
}
