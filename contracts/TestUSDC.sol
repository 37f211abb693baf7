// SPDX-License-Identifier: MIT
// A USDC-like test token for offline x402 tests: 6 decimals, EIP-3009 transferWithAuthorization
// (OpenZeppelin's draft ERC3009), and an owner-only mint. Never deploy it anywhere that matters.
//
// EIP-712 domain: name "TestUSDC" (equal to the ERC-20 name(), as for Circle's USDC), version "2"
// (Circle's FiatToken v2 domain version). x402 PaymentRequirements must carry
// extra = { "name": "TestUSDC", "version": "2" } or signatures will not verify.
pragma solidity ^0.8.26;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ERC3009} from "@openzeppelin/contracts/token/ERC20/extensions/draft-ERC3009.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract TestUSDC is ERC20, EIP712, ERC3009, Ownable {
    string private constant EIP712_NAME = "TestUSDC";
    string private constant EIP712_VERSION = "2";

    constructor() ERC20(EIP712_NAME, "USDC") EIP712(EIP712_NAME, EIP712_VERSION) Ownable(msg.sender) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @dev The EIP-712 domain version, read by x402 facilitators the way Circle's USDC exposes it.
    function version() external pure returns (string memory) {
        return EIP712_VERSION;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
