internal import CZlib

/// GZIP (RFC 1952) compression for W3C Bitstring Status Lists, through zlib.
public enum GZIP {
    /// Compresses `bytes` into a GZIP member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 9) throws(StatusListError) -> [UInt8] {
        var stream = z_stream()
        guard laurel_deflate_init_gzip(&stream, level) == Z_OK else {
            throw StatusListError(code: .compression, reason: "zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw StatusListError(code: .compression, reason: "zlib could not compress the list (status \(status))")
        }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Decompresses one GZIP member, refusing output larger than `maxOutput` bytes (a "zip bomb" guard).
    public static func decompress(_ bytes: [UInt8], maxOutput: Int) throws(StatusListError) -> [UInt8] {
        var stream = z_stream()
        guard laurel_inflate_init_gzip(&stream) == Z_OK else {
            throw StatusListError(code: .compression, reason: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { (inBuffer) throws(StatusListError) in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw StatusListError(code: .compression, reason: "the list is not valid GZIP data (zlib status \(status))")
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maxOutput {
                    throw StatusListError(
                        code: .tooLarge, reason: "the list expands to more than \(maxOutput) bytes; refusing it")
                }
                if produced == 0 && status == Z_OK && stream.avail_in == 0 {
                    throw StatusListError(code: .compression, reason: "the GZIP data is cut short")
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}

/// The zlib format (RFC 1950), as PNG's image data uses it.
enum Zlib {
    /// Compresses `bytes` into one zlib stream at the best compression level.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { outBuffer in
            bytes.withUnsafeBufferPointer { inBuffer in
                compress2(outBuffer.baseAddress, &length, inBuffer.baseAddress, uLong(inBuffer.count), 9)
            }
        }
        // compress2 fails only for a too-small buffer or no memory; compressBound rules out the first.
        precondition(status == Z_OK, "zlib could not compress \(bytes.count) bytes (status \(status))")
        output.removeSubrange(Int(length)...)
        return output
    }

    /// Decompresses one zlib stream that expands to exactly `expectedCount` bytes; nil when it is not valid zlib
    /// data or expands to another size.
    static func decompress(_ bytes: [UInt8], expectedCount: Int) -> [UInt8]? {
        var length = uLong(expectedCount)
        var output = [UInt8](repeating: 0, count: max(expectedCount, 1))
        let status = output.withUnsafeMutableBufferPointer { outBuffer in
            bytes.withUnsafeBufferPointer { inBuffer in
                uncompress(outBuffer.baseAddress, &length, inBuffer.baseAddress, uLong(inBuffer.count))
            }
        }
        guard status == Z_OK, Int(length) == expectedCount else { return nil }
        return Array(output[0..<expectedCount])
    }
}
