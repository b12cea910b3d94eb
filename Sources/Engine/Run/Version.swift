/// stratlint's version, as `--version` and the SARIF driver report it.
public let stratlintVersion = "0.1.0"
