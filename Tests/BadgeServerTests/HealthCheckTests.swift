@testable import BadgeServer
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// `/healthz` answered by the channel handler, ahead of the router.
@Suite struct HealthCheckTests {
    static func request(_ method: HTTPRequest.Method, _ path: String) -> HTTPRequestPart {
        .head(HTTPRequest(method: method, scheme: nil, authority: "127.0.0.1", path: path))
    }

    /// The response parts written so far.
    static func written(_ channel: EmbeddedChannel) throws -> [HTTPResponsePart] {
        var parts: [HTTPResponsePart] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) { parts.append(part) }
        return parts
    }

    /// A connected channel with the handler.
    static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: HealthCheckHandler())
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    @Test("GET /healthz is answered by the handler and never reaches the router")
    func answered() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.request(.get, "/healthz"))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        let parts = try Self.written(channel)
        #expect(parts.count == 3)
        guard case .head(let head) = parts.first, case .body(let body) = parts.dropFirst().first, case .end = parts.last
        else {
            Issue.record("expected head, body, end: \(parts)")
            return
        }
        #expect(head.status == .ok)
        #expect(head.headerFields[.contentType] == "text/plain; charset=utf-8")
        #expect(head.headerFields[.contentLength] == "3")
        #expect(head.headerFields[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        #expect(String(buffer: body) == "ok\n")
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test("Other requests pass through; a health check behind an unanswered request waits its turn")
    func passesOn() throws {
        let channel = try Self.channel()
        for (method, path) in [(HTTPRequest.Method.post, "/api/verify"), (.get, "/healthz")] {
            try channel.writeInbound(Self.request(method, path))
            try channel.writeInbound(HTTPRequestPart.end(nil))
        }
        // Both reach the router, in order: the first one is not answered yet.
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.request(.post, "/api/verify"))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.request(.get, "/healthz"))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        #expect(try Self.written(channel).count == 4)
        // Once every answer is written, the handler answers health checks itself again; other paths still pass.
        try channel.writeInbound(Self.request(.get, "/healthz"))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        #expect(try Self.written(channel).count == 3)
        try channel.writeInbound(Self.request(.head, "/healthz"))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.request(.head, "/healthz"))
        _ = try channel.finish()
    }

    @Test("A health check asking to close gets its answer, then the connection is closed")
    func closes() throws {
        let channel = try Self.channel()
        #expect(channel.isActive)
        var request = HTTPRequest(method: .get, scheme: nil, authority: "127.0.0.1", path: "/healthz")
        request.headerFields[.connection] = "close"
        try channel.writeInbound(HTTPRequestPart.head(request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        let parts = try Self.written(channel)
        guard case .head(let head) = parts.first else {
            Issue.record("no answer")
            return
        }
        #expect(head.headerFields[.connection] == "close")
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
    }
}
