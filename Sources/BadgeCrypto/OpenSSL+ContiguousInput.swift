/// Helpers to hand Swift byte collections to C as contiguous memory.
enum ContiguousInput {
    /// Calls `body` with the bytes of `collection` in contiguous memory, copying only when the collection is not
    /// already contiguous. The pointer is never `nil`: an empty collection gets a valid zero-length buffer,
    /// because some C functions reject a null pointer even with a zero length.
    @inline(__always)
    static func with<R>(_ collection: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if collection.isEmpty {
            var placeholder: UInt8 = 0
            return withUnsafeBytes(of: &placeholder) { body(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
        }
        if let result = collection.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(collection).withUnsafeBytes(body)
    }
}
