#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-string helpers for RDFC-1.0. UTF-8 byte order is Unicode code point order, so comparing bytes
/// gives the "code point order" the specification sorts by.
enum RDFCBytes {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`, as RDFC-1.0 writes hashes.
    @inline(__always)
    static func appendHex(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// The decimal digits of a non-negative number.
    @inline(__always)
    static func appendDecimal(_ value: Int32, to out: inout [UInt8]) {
        if value < 10 {
            out.append(0x30 + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = 0x30 + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                out.append(buffer[count])
            }
        }
    }

    /// Code point order of two byte strings given by pointer and length.
    @inline(__always)
    static func compare(
        _ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int
    ) -> Int {
        let common = min(aCount, bCount)
        if common > 0 {
            let result = memcmp(a, b, common)
            if result != 0 { return result < 0 ? -1 : 1 }
        }
        return aCount == bCount ? 0 : (aCount < bCount ? -1 : 1)
    }

    /// Code point order of two byte arrays.
    @inline(__always)
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty || b.isEmpty { return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1) }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                compare(pa.baseAddress!, pa.count, pb.baseAddress!, pb.count)
            }
        }
    }

    /// Sorts `ranges` of `buffer` in code point order of the bytes they cover (stable for equal bytes).
    static func sortRanges(_ ranges: inout [Range<Int>], in buffer: [UInt8]) {
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            ranges.sort { x, y in
                let order = compare(base + x.lowerBound, x.count, base + y.lowerBound, y.count)
                return order != 0 ? order < 0 : x.lowerBound < y.lowerBound
            }
        }
    }

}
