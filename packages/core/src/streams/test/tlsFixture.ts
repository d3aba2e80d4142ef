/**
 * A self-signed certificate for `localhost` / `127.0.0.1` (P-256, valid for a century) and its key:
 * a TLS syslog receiver of the tests, trusted through the destination's `ca`. Test data only.
 */
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUNoTEGedcih4Zkauxo+aRZ9AZXZwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNjE1NTczOVoYDzIxMjYxMTEy
MTU1NzM5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARbvvHMXMfUKVhahcPIzvVjRmQeHicnQuy7XETLNnFrSPFd2tfMLHj+
s912xFjxB1Mduf8uZBhbZhi3DLkICwtBo28wbTAdBgNVHQ4EFgQUQQp74IQKUfew
1XotEnMjIhC6mugwHwYDVR0jBBgwFoAUQQp74IQKUfew1XotEnMjIhC6mugwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAK5oDAvkPuihkgvdRYJkXKUE4YqZAsGSyvAMWgBnkPDmAiBX
G4fxMDgkcuWvxhAo6FB+xT1h0hUZMfEhT/KMlDoIAg==
-----END CERTIFICATE-----
`;

export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7qoRw0MquNp5Iqlh
ktlo/VViUmMX1V1Q6nhK5ivaPbmhRANCAARbvvHMXMfUKVhahcPIzvVjRmQeHicn
Quy7XETLNnFrSPFd2tfMLHj+s912xFjxB1Mduf8uZBhbZhi3DLkICwtB
-----END PRIVATE KEY-----
`;
