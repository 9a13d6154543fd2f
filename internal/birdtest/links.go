package birdtest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// LinkLifetime is how long a presigned link stays valid, as Bird documents.
const LinkLifetime = 600 * time.Second

// linkSigner issues presigned links to this server's own /media/ path, with a fresh expiry
// and signature on every read, as Bird does; nil keeps the stored links as they are.
type linkSigner struct {
	key   []byte
	base  string
	nonce uint64
}

// SignLinks makes the server answer every recording and transcription that has a link with
// a fresh presigned link to its own /media/ path, valid for LinkLifetime, instead of the
// stored one, so that a link changes on each read and can be downloaded. Tests that compare
// links exactly leave it off.
func (s *Server) SignLinks() {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.signer = &linkSigner{key: key, base: s.URL}
}

// signLocked returns a fresh link to the media file named, or link itself when links are not
// signed; s.mu must be held.
func (s *Server) signLocked(link, file string) string {
	if s.signer == nil || link == "" {
		return link
	}
	s.signer.nonce++
	expires := strconv.FormatInt(time.Now().Add(LinkLifetime).Unix(), 10)
	nonce := strconv.FormatUint(s.signer.nonce, 10)
	q := url.Values{"X-Bird-Expires": {expires}, "X-Bird-Nonce": {nonce}, "X-Bird-Signature": {s.signer.signature("/media/"+file, expires, nonce)}}
	return s.signer.base + "/media/" + file + "?" + q.Encode()
}

// signature signs a media path, an expiry and a nonce.
func (l *linkSigner) signature(path, expires, nonce string) string {
	mac := hmac.New(sha256.New, l.key)
	_, _ = fmt.Fprintf(mac, "%s\n%s\n%s", path, expires, nonce)
	return hex.EncodeToString(mac.Sum(nil))
}

// freshRecordingLocked returns rec with a fresh link; s.mu must be held.
func (s *Server) freshRecordingLocked(rec bird.Recording) bird.Recording {
	rec.URL = s.signLocked(rec.URL, "recordings/"+rec.ID+".mp3")
	return rec
}

// freshTranscriptionLocked returns t with a fresh link; s.mu must be held.
func (s *Server) freshTranscriptionLocked(t bird.Transcription) bird.Transcription {
	t.URL = s.signLocked(t.URL, "transcriptions/"+t.ID+".json")
	return t
}

// serveMedia serves GET /media/{kind}/{file} to whoever holds a valid, unexpired link: no
// access key, as with Bird's presigned links.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	signer := s.signer
	s.mu.Unlock()
	q := r.URL.Query()
	expires, err := strconv.ParseInt(q.Get("X-Bird-Expires"), 10, 64)
	switch {
	case signer == nil || err != nil:
		http.Error(w, "not a presigned link", http.StatusForbidden)
	case !hmac.Equal([]byte(q.Get("X-Bird-Signature")), []byte(signer.signature(r.URL.Path, q.Get("X-Bird-Expires"), q.Get("X-Bird-Nonce")))):
		http.Error(w, "signature does not match", http.StatusForbidden)
	case time.Now().Unix() > expires:
		http.Error(w, "link expired", http.StatusForbidden)
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write([]byte("built-in Bird API media file " + r.URL.Path + "\n"))
	}
}
