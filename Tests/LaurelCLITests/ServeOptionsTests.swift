import ArgumentParser
@testable import laurel
import Testing

/// `laurel serve`'s load options reach the server configuration's limits and are checked.
@Suite struct ServeOptionsTests {
    @Test("--workers, --queue and --request-timeout parse, with defaults left to the server")
    func parse() throws {
        let given = try #require(try Laurel.parseAsRoot(["serve", "--workers", "3", "--queue", "0", "--request-timeout", "2.5"]) as? ServeCommand)
        #expect(given.workers == 3)
        #expect(given.queueLimit == 0)
        #expect(given.requestTimeout == 2.5)
        let plain = try #require(try Laurel.parseAsRoot(["serve"]) as? ServeCommand)
        #expect(plain.workers == nil)
        #expect(plain.queueLimit == nil)
        #expect(plain.requestTimeout == 10)
    }

    @Test("Out-of-range load options are refused before the server starts")
    func refused() {
        for arguments in [["--workers", "0"], ["--queue", "-1"], ["--request-timeout", "0"], ["--workers", "1000"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try Laurel.parseAsRoot(["serve"] + arguments) }
        }
    }
}
