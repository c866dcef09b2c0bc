public import LinkedData

/// An `EndorsementCredential`: a third party's signed statement supporting an issuer, achievement or credential.
public struct EndorsementCredential: VerifiableCredentialView {
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    public var credentialSubject: EndorsementSubject? {
        get { object("credentialSubject") } set { setObject("credentialSubject", newValue) }
    }
}
