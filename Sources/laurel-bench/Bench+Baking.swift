import OpenBadges

extension BenchSuites {
    /// Baking into and extracting from images: a 1 MB PNG (target at most 5 ms each) and SVGs.
    static var baking: BenchSuite {
        BenchSuite(
            name: "baking",
            summary: "bake/extract an OB 3.0 credential in a 1 MB PNG (target ≤ 5 ms each) and in SVGs",
            run: runBaking)
    }

    private static func runBaking(_ harness: BenchHarness) throws {
        let png = BakingBench.megabytePNG()
        let credential = BakingBench.credentialJSON
        let baked = try BadgeBaker.bake(credential, intoPNG: png)
        guard try BadgeBaker.extract(fromPNG: baked) == credential else {
            print("error: the baked PNG does not give back the credential")
            return
        }
        var sink = 0

        print(harness.measure("crc-32 of 1 MiB") { sink &+= Int(CRC32.checksum(png)) }.line)
        print(
            try harness.measure("png bake into \(png.count / 1024) KiB") {
                sink &+= try BadgeBaker.bake(credential, intoPNG: png).count
            }.line)
        print(
            try harness.measure("png re-bake (replace) in \(baked.count / 1024) KiB") {
                sink &+= try BadgeBaker.bake(BakingBench.jws, intoPNG: baked).count
            }.line)
        print(
            try harness.measure("png extract from \(baked.count / 1024) KiB") {
                sink &+= try BadgeBaker.extract(fromPNG: baked).utf8.count
            }.line)

        let badge = DefaultBadgeImage.svg(achievementName: "Teamwork", issuerName: "Example Corp")
        print(
            harness.measure("default badge svg") {
                sink &+= DefaultBadgeImage.svg(achievementName: "Teamwork", issuerName: "Example Corp").utf8.count
            }.line)
        let bakedSVG = try BadgeBaker.bake(credential, intoSVG: badge)
        print(
            try harness.measure("svg bake into \(badge.utf8.count / 1024 + 1) KiB") {
                sink &+= try BadgeBaker.bake(credential, intoSVG: badge).utf8.count
            }.line)
        print(
            try harness.measure("svg extract from \(bakedSVG.utf8.count / 1024 + 1) KiB") {
                sink &+= try BadgeBaker.extract(fromSVG: bakedSVG).utf8.count
            }.line)
        let bigSVG = try BadgeBaker.bake(credential, intoSVG: BakingBench.largeSVG())
        print(
            try harness.measure("svg extract from \(bigSVG.utf8.count / 1024) KiB") {
                sink &+= try BadgeBaker.extract(fromSVG: bigSVG).utf8.count
            }.line)
        print(
            try harness.measure("image sniff + extract, 1 MB png") {
                sink &+= try BadgeBaker.extract(from: baked).payload.utf8.count
            }.line)
        if sink == 0 { print("(sink \(sink))") }
    }
}

/// Inputs for the baking benchmarks, built in memory.
enum BakingBench {
    /// A valid PNG of about 1 MiB: a 512 × 512 RGBA IHDR, sixteen 64 KiB IDAT chunks of pseudo-random bytes
    /// (never decoded), IEND; every CRC correct.
    static func megabytePNG() -> [UInt8] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let idat = (0..<16).map { _ -> (type: String, data: [UInt8]) in
            var data = [UInt8](repeating: 0, count: 64 * 1024)
            for index in data.indices {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                data[index] = UInt8(truncatingIfNeeded: state)
            }
            return (type: "IDAT", data: data)
        }
        return png(idat)
    }

    /// A PNG datastream: the signature, a 512 × 512 RGBA IHDR, `chunks` (type and data) in order, IEND; every
    /// length and CRC correct.
    static func png(_ chunks: [(type: String, data: [UInt8])]) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func append(_ type: String, _ data: [UInt8]) {
            let length = UInt32(data.count)
            png += [
                UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF),
            ]
            let body = Array(type.utf8) + data
            png += body
            let crc = CRC32.checksum(body)
            png += [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        }
        append("IHDR", [0, 0, 2, 0, 0, 0, 2, 0, 8, 6, 0, 0, 0])
        for chunk in chunks { append(chunk.type, chunk.data) }
        append("IEND", [])
        return png
    }

    /// An SVG of about `bytes` bytes (1 MiB by default): many paths.
    static func largeSVG(bytes: Int = 1024 * 1024) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 1000\">\n"
        let path = "  <path fill=\"#123456\" stroke=\"#000\" d=\"M10,10c0,0,0,40.8,245,40.8s50.8-48.4,94.4-48.4z\"/>\n"
        for _ in 0..<(bytes / path.utf8.count) { svg += path }
        return svg + "</svg>\n"
    }

    /// The size of a typical credential with an embedded proof.
    static let credentialJSON = """
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
          ],
          "id": "http://example.com/credentials/3527",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.com/issuers/876543", "type": ["Profile"], "name": "Example Corp"},
          "validFrom": "2010-01-01T00:00:00Z",
          "name": "Teamwork Badge",
          "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://example.com/achievements/21st-century-skills/teamwork",
              "type": ["Achievement"],
              "criteria": {"narrative": "Team members are nominated for this badge by their peers."},
              "description": "This badge recognizes the capacity to collaborate within a group environment.",
              "name": "Teamwork"
            }
          },
          "proof": [{
            "type": "DataIntegrityProof",
            "created": "2024-03-20T14:53:19Z",
            "verificationMethod": "https://example.com/issuers/876543#z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
            "cryptosuite": "eddsa-rdfc-2022",
            "proofPurpose": "assertionMethod",
            "proofValue": "z76jrNcyxHg5fV17h96yCRwqUaTQZD2QQivyNqHyLSvqu3aWGC3nLShzZEGbH3LnVFodwov9rPQxi3QRP7adCrzV"
          }]
        }
        """

    static let jws = "eyJhbGciOiJFZERTQSJ9.eyJqdGkiOiJ1cm46eCJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"
}
