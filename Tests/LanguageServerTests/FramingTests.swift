import LanguageServer
import Testing

@Suite struct FramingTests {
    /// A reader over `chunks`, handed out one per read (as a pipe might).
    func reader(_ chunks: [[UInt8]]) -> MessageReader {
        var left = chunks
        return MessageReader { buffer in
            guard !left.isEmpty else { return false }
            buffer.append(contentsOf: left.removeFirst())
            return true
        }
    }

    func framed(_ body: String, header: String? = nil) -> [UInt8] {
        Array((header ?? "Content-Length: \(body.utf8.count)\r\n\r\n").utf8) + Array(body.utf8)
    }

    @Test func messagesSplitAnywhereComeBackWhole() {
        let stream = framed(#"{"a":1}"#) + framed(#"{"b":"é"}"#, header: "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 10\r\n\r\n")
        for size in [1, 2, 5, 17, stream.count] {
            var chunks: [[UInt8]] = []
            var i = 0
            while i < stream.count { chunks.append(Array(stream[i..<min(i + size, stream.count)])); i += size }
            var r = reader(chunks)
            #expect(r.next() == .body(Array(#"{"a":1}"#.utf8)), "chunks of \(size)")
            #expect(r.next() == .body(Array(#"{"b":"é"}"#.utf8)), "chunks of \(size)")
            #expect(r.next() == nil, "chunks of \(size)")
        }
    }

    @Test func aMessageWithoutLengthIsReportedAndTheNextIsRead() {
        var r = reader([Array("X-Nonsense: 1\r\n\r\n".utf8) + framed("{}")])
        guard case .unreadable(let why)? = r.next() else { Issue.record("expected an unreadable message"); return }
        #expect(why.contains("Content-Length"))
        #expect(r.next() == .body(Array("{}".utf8)))
    }

    @Test func anOversizedBodyIsSkippedNotKept() {
        let huge = MessageReader.maxBodyBytes + 1
        var sent = 0
        var header = Array("Content-Length: \(huge)\r\n\r\n".utf8)
        var r = MessageReader { buffer in
            if !header.isEmpty { buffer += header; header = []; return true }
            guard sent < huge else {
                if sent == huge { buffer += Array("Content-Length: 2\r\n\r\n{}".utf8); sent += 1; return true }
                return false
            }
            let n = min(1 << 20, huge - sent)
            buffer += [UInt8](repeating: 0x20, count: n)
            sent += n
            return true
        }
        guard case .unreadable(let why)? = r.next() else { Issue.record("expected an unreadable message"); return }
        #expect(why.contains("over the limit"))
        #expect(r.next() == .body(Array("{}".utf8)))
    }

    @Test func aHeaderThatNeverEndsIsCutOff() {
        var r = reader([[UInt8](repeating: 0x41, count: MessageReader.maxHeaderBytes + 10)])
        guard case .unreadable(let why)? = r.next() else { Issue.record("expected an unreadable message"); return }
        #expect(why.contains("header"))
        #expect(r.next() == nil)
    }

    @Test func writtenMessagesAreFramedWithTheirByteLength() {
        var out: [UInt8] = []
        MessageWriter { out += $0 }.send(.object(["m": .string("é")]))
        #expect(String(decoding: out, as: UTF8.self) == "Content-Length: 10\r\n\r\n{\"m\":\"é\"}")
    }
}
