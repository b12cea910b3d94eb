import Foundation
import YAML

/// A file's bytes, or why they could not be had.
package enum FileContents: Sendable {
    /// The bytes, and which file on disk they came from (nil: not from disk).
    case bytes([UInt8], identity: FileIdentity? = nil)
    /// Why the file was not read, for the user: "permission denied", "it is 80 MiB, …".
    case unreadable(String)
}

/// Reads files for the workspace: only regular files, never more than a limit, and
/// without blocking on a FIFO or a device that a hostile repository may hold.
package enum FileReader {
    package static func read(_ path: String, maxSize: Int) -> FileContents {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT, path.unicodeScalars.contains("\u{FFFD}"), let contents = readByLossyName(path, maxSize: maxSize) {
                return contents
            }
            return .unreadable(reason(code))
        }
        return read(fd: fd, maxSize: maxSize)
    }

    /// A file whose name is not valid UTF-8 reaches stratlint decoded, with U+FFFD where
    /// the bad bytes were, and cannot be opened by that name: its folder is listed for
    /// the entry whose name decodes to it, which is opened by its bytes. nil when no
    /// such entry is there.
    private static func readByLossyName(_ path: String, maxSize: Int) -> FileContents? {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let dir = opendir(folder.isEmpty ? "." : folder) else { return nil }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            var raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard String(validating: raw, as: UTF8.self) == nil, String(decoding: raw, as: UTF8.self) == name else { continue }
            raw.append(0)
            // Not through a link: the link check of the workspace cannot see this name.
            let fd = openat(dirfd(dir), raw.map { CChar(bitPattern: $0) }, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
            guard fd >= 0 else { return .unreadable(reason(errno)) }
            return read(fd: fd, maxSize: maxSize)
        }
        return nil
    }

    /// The file at `path` (absolute, standardized), or the text `overlay` holds for it
    /// in its place (an editor's unsaved buffer, `stratlint lsp`), held to the same limit.
    package static func read(_ path: String, maxSize: Int, overlay: [String: [UInt8]]) -> FileContents {
        guard let text = overlay[path] else { return read(path, maxSize: maxSize) }
        guard text.count <= maxSize else { return tooLarge(text.count, maxSize) }
        return .bytes(text, identity: FileIdentity.of(path))
    }

    private static func tooLarge(_ size: Int, _ maxSize: Int) -> FileContents {
        .unreadable("it is \(describe(bytes: size)), over the limit of \(describe(bytes: maxSize)) (limits.max-file-size)")
    }

    /// Reads an open file (and closes it): only a regular file, never more than `maxSize`.
    private static func read(fd: Int32, maxSize: Int) -> FileContents {
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable(reason(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .unreadable("it is not a regular file") }
        let size = Int(info.st_size)
        guard size <= maxSize else { return tooLarge(size, maxSize) }
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let n = Foundation.read(fd, base + count, size - count)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno; return }
                if n == 0 { return }  // the file shrank while being read
                count += n
            }
        }
        if let failure { return .unreadable(reason(failure)) }
        return .bytes(bytes, identity: FileIdentity(info))
    }

    /// `strerror`, as a clause: "permission denied".
    package static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    /// `12 bytes`, `3 KiB`, `64 MiB`: sizes as the limits are written.
    package static func describe(bytes: Int) -> String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes >= 1 << shift {
            let whole = bytes >> shift
            return whole << shift == bytes ? "\(whole) \(unit)" : String(format: "%.1f %@", Double(bytes) / Double(1 << shift), unit)
        }
        return "\(bytes) bytes"
    }
}
