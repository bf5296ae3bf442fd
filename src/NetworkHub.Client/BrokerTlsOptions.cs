using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MassTransit;
using RabbitMQ.Client;

namespace NetworkHub.Client;

/// <summary>
/// How an amqps:// link checks the broker and proves itself. The broker's certificate must name the host in the URI
/// and chain to a trusted root: the operating system's roots, or only those in <see cref="CaCertificatePath"/> when it is
/// set (PKIoverheid Private Services roots are not in operating-system stores). A client certificate is presented when
/// <see cref="ClientCertificatePath"/> is set. TLS 1.2 or 1.3 only.
/// </summary>
public sealed class BrokerTlsOptions
{
    /// <summary>PEM file with the root (and intermediate) certificates to trust instead of the operating system's.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The organisation's own certificate with its private key, as PKCS#12 (.p12/.pfx), for mutual TLS.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>Whether the broker certificate's revocation is checked online (its CRL or OCSP must be reachable).</summary>
    public bool CheckRevocation { get; set; } = true;

    internal void Configure(IRabbitMqSslConfigurator ssl, string serverName)
    {
        ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        ssl.ServerName = serverName;
        ssl.CertificateValidationCallback = Validate;
        if (ClientCertificate() is { } certificate)
        {
            ssl.Certificate = certificate;
        }
    }

    internal SslOption ToSslOption(string serverName) => new()
    {
        Enabled = true,
        ServerName = serverName,
        Version = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateValidationCallback = Validate,
        Certs = ClientCertificate() is { } certificate ? new X509CertificateCollection { certificate } : null,
    };

    /// <summary>TLS for the broker's management API over https, checked and presenting as the AMQP link does.</summary>
    public SslClientAuthenticationOptions ToHttpsOptions() => new()
    {
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        RemoteCertificateValidationCallback = Validate,
        ClientCertificates = ClientCertificate() is { } certificate ? new X509CertificateCollection { certificate } : null,
    };

    private X509Certificate2? ClientCertificate() => ClientCertificatePath is { } path
        ? X509CertificateLoader.LoadPkcs12FromFile(path, ClientCertificatePassword)
        : null;

    /// <summary>The chain is built again here, so pinned roots and the revocation setting apply the same on every link.</summary>
    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // No certificate, or one that does not name the host, fails whatever the roots.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.RevocationMode = CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        if (CaCertificatePath is { } roots)
        {
            own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            own.ChainPolicy.CustomTrustStore.ImportFromPemFile(roots);
        }

        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate); // intermediates the broker sent
            }
        }

        using var presented = new X509Certificate2(certificate);
        return own.Build(presented);
    }
}
