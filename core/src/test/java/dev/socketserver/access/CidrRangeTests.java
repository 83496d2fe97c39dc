package dev.socketserver.access;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrRangeTests {

	@Test
	void ipv4RangeMatchesItsAddressesOnly() throws Exception {
		CidrRange range = CidrRange.parse("10.1.0.0/16");
		assertThat(range.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
		assertThat(range.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
		assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
		assertThat(range.isIpv4()).isTrue();
	}

	@Test
	void ipv4RangeMatchesTheMappedFormOfItsAddresses() throws Exception {
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xFF;
		mapped[11] = (byte) 0xFF;
		mapped[12] = 10;
		mapped[15] = 9;
		// InetAddress.getByAddress would turn these bytes into an Inet4Address: build the IPv6 form directly.
		InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
		assertThat(CidrRange.parse("10.0.0.0/8").contains(address)).isTrue();
		assertThat(CidrRange.parse("::ffff:10.0.0.0/104").contains(InetAddress.getByName("10.200.0.1"))).isTrue();
	}

	@Test
	void hostBitsAreIgnoredAndSingleAddressesAreFullPrefixes() throws Exception {
		assertThat(CidrRange.parse("192.168.1.77/24")).isEqualTo(CidrRange.parse("192.168.1.0/24"));
		CidrRange single = CidrRange.parse(" 192.0.2.7 ");
		assertThat(single.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
		assertThat(single.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
		assertThat(CidrRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.1"))).isTrue();
	}

	@Test
	void ipv6RangesMatchAcrossTheHalves() throws Exception {
		assertThat(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
		assertThat(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db9::1"))).isFalse();
		CidrRange narrow = CidrRange.parse("2001:db8::ab00/120");
		assertThat(narrow.contains(InetAddress.getByName("2001:db8::abff"))).isTrue();
		assertThat(narrow.contains(InetAddress.getByName("2001:db8::ac00"))).isFalse();
		assertThat(CidrRange.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
		assertThat(CidrRange.parse("::/0").contains(InetAddress.getByName("127.0.0.1"))).isTrue();
	}

	@Test
	void invalidRangesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("example.com"));
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.0/33"));
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.0/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("::1/129"));
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("300.1.1.1"));
	}

	@Test
	void ipv4HashCodeIsTheAddressAsTheAllocationFreeMatchAssumes() throws Exception {
		Inet4Address address = (Inet4Address) InetAddress.getByName("203.0.113.77");
		assertThat(Ipv6Key.ipv4Low(address)).isEqualTo(Ipv6Key.low(address.getAddress()));
	}

	@Test
	void accessRulesLetDenyWinAndAllowBeExclusive() throws Exception {
		AccessRules rules = new AccessRules(CidrRanges.parse("10.0.0.0/8", "2001:db8::/32"),
				CidrRanges.parse("10.9.0.0/16"));
		assertThat(rules.isAllowed(InetAddress.getByName("10.1.2.3"))).isTrue();
		assertThat(rules.isAllowed(InetAddress.getByName("10.9.2.3"))).isFalse();
		assertThat(rules.isAllowed(InetAddress.getByName("192.0.2.1"))).isFalse();
		assertThat(rules.isAllowed(InetAddress.getByName("2001:db8::5"))).isTrue();
		AccessRules denyOnly = new AccessRules(CidrRanges.NONE, CidrRanges.parse("192.0.2.0/24"));
		assertThat(denyOnly.isAllowed(InetAddress.getByName("198.51.100.1"))).isTrue();
		assertThat(denyOnly.isAllowed(InetAddress.getByName("192.0.2.1"))).isFalse();
	}

}
