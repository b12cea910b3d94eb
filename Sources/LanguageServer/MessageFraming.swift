import Foundation

/// The base protocol's framing: a header block (`Content-Length: N`, optionally a
/// `Content-Type`), an empty line, then N bytes of JSON. Read from a file descriptor
/// with bounded buffers: a header block over ``maxHeaderBytes`` or a body over
/// ``maxBodyBytes`` is skipped and reported, and reading goes on with the next message.
public struct MessageReader {
    public enum Message: Equatable {
        /// A body, as sent.
        case body([UInt8])
        /// A message that could not be read, and why; the stream goes on after it.
        case unreadable(String)
    }

    /// Headers are a line or two; more is not a client speaking the protocol.
    public static let maxHeaderBytes = 8 << 10
    /// A document's whole text travels in a message (full sync): four times the largest
    /// file the workspace reads by default.
    public static let maxBodyBytes = 256 << 20

    private let read: (inout [UInt8]) -> Bool
    private var buffer: [UInt8] = []
    private var start = 0

    /// `read` appends what it can read to its argument and returns false at the end
    /// of the stream.
    public init(read: @escaping (inout [UInt8]) -> Bool) {
        self.read = read
    }

    /// Reads from a file descriptor (standard input).
    public init(fd: Int32) {
        self.init { buffer in
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    buffer.append(contentsOf: chunk[0..<n])
                    return true
                }
                if n < 0, errno == EINTR { continue }
                return false
            }
        }
    }

    /// The next message, or nil at the end of the stream.
    public mutating func next() -> Message? {
        // The header block, up to its empty line.
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = find([13, 10, 13, 10], from: start)
            if headerEnd == nil {
                if buffer.count - start > Self.maxHeaderBytes {
                    buffer.removeAll()
                    start = 0
                    return .unreadable("a header block longer than \(Self.maxHeaderBytes) bytes")
                }
                guard fill() else { return nil }
            }
        }
        guard let end = headerEnd else { return nil }
        let header = String(decoding: buffer[start..<end], as: UTF8.self)
        start = end + 4
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else {
            compact()
            return .unreadable("a message without a valid Content-Length header")
        }
        if length > Self.maxBodyBytes {
            // Skip it without keeping it.
            var left = length
            while left > 0 {
                let here = min(left, buffer.count - start)
                start += here
                left -= here
                compact()
                if left > 0, !fill() { return nil }
            }
            return .unreadable("a message of \(length) bytes, over the limit of \(Self.maxBodyBytes)")
        }
        while buffer.count - start < length {
            guard fill() else { return nil }
        }
        let body = Array(buffer[start..<start + length])
        start += length
        compact()
        return .body(body)
    }

    private mutating func fill() -> Bool {
        compact()
        return read(&buffer)
    }

    /// Drops what was consumed once it is most of the buffer.
    private mutating func compact() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard buffer.count - from >= needle.count else { return nil }
        var i = from
        while i <= buffer.count - needle.count {
            if buffer[i] == needle[0], buffer[i + 1] == needle[1], buffer[i + 2] == needle[2], buffer[i + 3] == needle[3] { return i }
            i += 1
        }
        return nil
    }
}

/// Writes framed messages to a file descriptor (standard output).
public struct MessageWriter {
    private let write: ([UInt8]) -> Void

    public init(write: @escaping ([UInt8]) -> Void) {
        self.write = write
    }

    public init(fd: Int32) {
        self.init { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }

    public func send(_ message: JSONValue) {
        let body = message.encoded()
        write(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }
}
