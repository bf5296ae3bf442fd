// Shows why sign-in failed and carries the page the user wanted through the form.
const query = new URLSearchParams(location.search);
document.getElementById("failed").hidden = query.get("failed") !== "1";
const wanted = query.get("ReturnUrl");
if (wanted && wanted.startsWith("/console")) {
  document.querySelector("input[name=returnUrl]").value = wanted;
}
