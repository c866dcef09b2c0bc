import LinkedData

/// `laurel-bench jsonld`: JSON-LD expansion and toRdf of an Open Badges 3.0 credential with pinned contexts.
extension BenchSuites {
    static var jsonld: BenchSuite {
        BenchSuite(
            name: "jsonld",
            summary: "JSON-LD 1.1 expansion and toRdf of a 2.5 KB OB 3.0 credential (pinned contexts, safe mode)"
        ) { harness in
            let text = JSONLDBench.credential
            let document = try JSONValue(parsing: text)
            let processor = JSONLDProcessor()
            let dataset = try processor.toRDF(document)
            print("credential: \(text.utf8.count) bytes, \(dataset.quads.count) quads")

            print(try harness.measure("parse JSON (2.5 KB)") { _ = try JSONValue(parsing: text) }.line)
            print(try harness.measure("expand (2.5 KB credential)") { _ = try processor.expand(document) }.line)
            print(try harness.measure("expand + toRdf (2.5 KB credential)") { _ = try processor.toRDF(document) }.line)
            print(
                try harness.measure("parse + expand + toRdf (2.5 KB credential)") {
                    _ = try processor.toRDF(JSONValue(parsing: text))
                }.line)
            let cold = ColdLoader()
            print(
                try harness.measure("expand + toRdf, contexts processed afresh") {
                    _ = try JSONLDProcessor(loader: cold).toRDF(document)
                }.line)
        }
    }
}

/// The pinned contexts without the shared processed-context cache: every processor starts cold.
private struct ColdLoader: DocumentLoader {
    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        try PinnedContexts.loader.loadDocument(url)
    }
}

enum JSONLDBench {
    /// An OB 3.0 AchievementCredential (achievement, criteria, alignment, result description, result, evidence),
    /// cut down from the 1EdTech validator fixture ob30/complete.json, without its proof.
    static let credential = #"""
{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
  ],
  "id": "http://1edtech.edu/credentials/3732",
  "type": [
    "VerifiableCredential",
    "OpenBadgeCredential"
  ],
  "name": "1EdTech University Degree for Example Student",
  "issuer": {
    "id": "https://1edtech.edu/issuers/565049",
    "type": [
      "Profile"
    ],
    "name": "1EdTech University",
    "url": "https://1edtech.edu"
  },
  "validFrom": "2010-01-01T00:00:00Z",
  "credentialSubject": {
    "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
    "type": [
      "AchievementSubject"
    ],
    "creditsEarned": 42,
    "achievement": {
      "id": "https://1edtech.edu/achievements/degree",
      "type": [
        "Achievement"
      ],
      "name": "1EdTech University Degree",
      "description": "1EdTech University Degree Description",
      "achievementType": "Degree",
      "creditsAvailable": 36,
      "criteria": {
        "id": "https://1edtech.edu/achievements/degree",
        "narrative": "# Degree Requirements\nStudents must complete..."
      },
      "alignment": [
        {
          "type": [
            "Alignment"
          ],
          "targetCode": "degree",
          "targetDescription": "1EdTech University Degree programs.",
          "targetName": "1EdTech University Degree",
          "targetFramework": "1EdTech University Program and Course Catalog",
          "targetType": "CFItem",
          "targetUrl": "https://1edtech.edu/catalog/degree"
        }
      ],
      "resultDescription": [
        {
          "id": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c",
          "type": [
            "ResultDescription"
          ],
          "allowedValue": [
            "D",
            "C",
            "B",
            "A"
          ],
          "name": "Final Project Grade",
          "requiredValue": "C",
          "resultType": "LetterGrade"
        }
      ]
    },
    "result": [
      {
        "type": [
          "Result"
        ],
        "resultDescription": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c",
        "value": "A"
      }
    ]
  },
  "evidence": [
    {
      "id": "https://1edtech.edu/credentials/3732/evidence/1",
      "type": [
        "Evidence"
      ],
      "narrative": "# Final Project Report \n This project was ...",
      "name": "Final Project Report",
      "description": "This is the final project report.",
      "genre": "Research",
      "audience": "Department"
    }
  ]
}
"""#
}
