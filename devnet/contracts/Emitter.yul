// Log emitter installed (hardhat_setCode) at the real addresses of the contracts the devnet reproduces.
// Calldata is a sequence of records, each emitted as one log from this address:
//   [1 byte: number of topics n (0..4)] [2 bytes: data length L] [n * 32 bytes: topics] [L bytes: data]
// or, with n = 0xff, a call into another contract's emitter, so that one transaction emits logs from several
// contracts in order (a router: e.g. a DIMO Transfer then a DevLicense Issued, as issueInDimo does):
//   [0xff] [2 bytes: length L of the nested records] [20 bytes: address] [L bytes: nested records]
// The simulator ABI-encodes topics and data with the real event ABIs, so the logs are byte-identical
// to what the real contracts emit.
object "Emitter" {
  code {
    let ptr := 0
    let end := calldatasize()
    for { } lt(ptr, end) { } {
      let hdr := calldataload(ptr)
      let n := byte(0, hdr)
      let len := and(shr(232, hdr), 0xffff)
      let t := add(ptr, 3)
      if eq(n, 0xff) {
        let target := shr(96, calldataload(t))
        calldatacopy(0, add(t, 20), len)
        if iszero(call(gas(), target, 0, 0, len, 0, 0)) { revert(0, 0) }
        ptr := add(add(t, 20), len)
        continue
      }
      let d := add(t, mul(n, 32))
      calldatacopy(0, d, len)
      switch n
      case 0 { log0(0, len) }
      case 1 { log1(0, len, calldataload(t)) }
      case 2 { log2(0, len, calldataload(t), calldataload(add(t, 32))) }
      case 3 { log3(0, len, calldataload(t), calldataload(add(t, 32)), calldataload(add(t, 64))) }
      case 4 { log4(0, len, calldataload(t), calldataload(add(t, 32)), calldataload(add(t, 64)), calldataload(add(t, 96))) }
      default { revert(0, 0) }
      ptr := add(d, len)
    }
    stop()
  }
}
