import Foundation

/// A report written as it is made, through a small buffer, to a file descriptor
/// (standard output, or the temporary file of an ``AtomicFile`` write): memory stays
/// the size of the buffer whatever the size of the report. The first write error is
/// kept, later writes are dropped, and ``finish()`` throws it.
public struct FileOutput: TextOutputStream {
    /// Writes a full buffer; the errno of a failure, else nil.
    private let sink: @Sendable (UnsafeRawBufferPointer) -> Int32?
    private let name: String
    private var buffer: [UInt8] = []
    private var failure: Int32?
    static let capacity = 1 << 16

    /// `name` says where the bytes go, for the error: "standard output", a path.
    public init(fd: Int32, name: String) {
        self.init(name: name) { AtomicFile.writeAll($0, to: fd) }
    }

    /// Output that hands each full buffer to `sink` (the captured output of a command run
    /// in process).
    public init(name: String, sink: @escaping @Sendable (UnsafeRawBufferPointer) -> Int32?) {
        self.sink = sink
        self.name = name
        buffer.reserveCapacity(Self.capacity)
    }

    public mutating func write(_ string: String) { append(string.utf8) }

    /// Bytes known to be UTF-8 (made of strings), written without making a `String`.
    public mutating func write(utf8 bytes: [UInt8]) { append(bytes) }

    private mutating func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { flush() }
    }

    private mutating func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        failure = buffer.withUnsafeBytes(sink)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; throws the first error any write met.
    public mutating func finish() throws {
        flush()
        if let failure { throw AtomicFile.Failure(failure, "write \(name)") }
    }
}
