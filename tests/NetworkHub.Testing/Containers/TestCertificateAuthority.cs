using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetworkHub.Testing;

/// <summary>
/// A certificate authority made for one spec run, and a broker certificate it signed, as PEM files in a folder of
/// their own: what a broker needs to serve amqps:// and a client needs to trust it, with no root the machine trusts.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private TestCertificateAuthority(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The authority's root certificate: what a client pins.</summary>
    public string CaCertificatePath => Path.Combine(Folder, "ca.pem");

    public string ServerCertificatePath => Path.Combine(Folder, "server.pem");

    public string ServerKeyPath => Path.Combine(Folder, "server-key.pem");

    /// <summary>An authority whose broker certificate names <paramref name="serverNames"/> (DNS names or IP addresses).</summary>
    public static TestCertificateAuthority Create(params string[] serverNames)
    {
        var folder = Directory.CreateTempSubdirectory("networkhub-tls-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048); // RSA throughout: every Erlang/OTP TLS stack serves it
        var caRequest = new CertificateRequest("CN=NetworkHub test root", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=" + serverNames[0], serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in serverNames)
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var authority = new TestCertificateAuthority(folder);
        File.WriteAllText(authority.CaCertificatePath, ca.ExportCertificatePem());
        File.WriteAllText(authority.ServerCertificatePath, server.ExportCertificatePem());
        File.WriteAllText(authority.ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());
        return authority;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind harms nobody.
        }
    }
}
