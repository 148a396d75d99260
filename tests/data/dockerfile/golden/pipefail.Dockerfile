FROM debian
RUN curl x | sh
RUN set -o pipefail && curl x | sh
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -O- y | bash
FROM debian
RUN curl z | sh
