// A tiny HTTP service used by drydock's examples: examples/weak/Dockerfile and
// examples/hardened/Dockerfile build it two ways.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	health := flag.Bool("healthcheck", false, "probe the local server and exit")
	flag.Parse()
	if *health {
		resp, err := http.Get("http://127.0.0.1:8080/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "hello from drydock's example") })
	log.Fatal(http.ListenAndServe(":8080", nil))
}
